import * as v from 'valibot';
import { HttpsUrl, Timestamp } from '../primitives.js';

/** `video`: a link to a video meeting (opened in a new tab, never embedded), its time when known. */
export const VideoPayload = v.object({ url: HttpsUrl, start: v.optional(Timestamp) });
export type VideoPayload = v.InferOutput<typeof VideoPayload>;
