/**
 * Fastify × valibot: routes declare valibot schemas from src/protocol/ (no ajv for ours); the
 * validator compiler checks params, query and bodies with them, the serializer compiler checks
 * and strips every response body, so a handler cannot leak a field its schema does not declare.
 */
import type { FastifySchemaCompiler, FastifySerializerCompiler } from 'fastify';
import * as v from 'valibot';
import { describeIssue } from '../src/protocol/index.js';

const isSchema = (s: unknown): s is v.GenericSchema => typeof s === 'object' && s !== null && (s as { kind?: unknown }).kind === 'schema';

export const validatorCompiler: FastifySchemaCompiler<unknown> = ({ schema, httpPart }) => {
  if (!isSchema(schema)) throw new Error(`route schema for ${httpPart ?? 'a part'} is not a valibot schema`);
  return (data: unknown) => {
    // an empty body on a route with a body schema reads as {} (fields may all be optional)
    const input = httpPart === 'body' && (data === undefined || data === null) ? {} : data;
    const r = v.safeParse(schema, input, { abortEarly: true });
    if (r.success) return { value: r.output };
    const err = Object.assign(new Error(`${httpPart ?? 'request'}: ${describeIssue(r.issues[0])}`), { validationPart: httpPart });
    return { error: err };
  };
};

export const serializerCompiler: FastifySerializerCompiler<unknown> = ({ schema, url, method }) => {
  if (!isSchema(schema)) return (data: unknown) => JSON.stringify(data);
  return (data: unknown) => {
    const r = v.safeParse(schema, data);
    if (!r.success) throw new Error(`response of ${method} ${url} does not match its schema: ${describeIssue(r.issues[0])}`);
    return JSON.stringify(r.output);
  };
};
