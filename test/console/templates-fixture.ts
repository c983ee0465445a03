/** Templates for the fake console API: the shape of the server's, one with a placeholder the console cannot fill. */
import type { MessageTemplate, TemplateList } from '../../src/protocol/templates.js';

export type { TemplateList };

export const DEFAULT_TEMPLATES_FOR_TESTS: MessageTemplate[] = [
  { id: 'valkommen', title: 'Välkommen till chatten', text: 'Hej {patientFirstName}!\n\nVälkommen till chatten med {clinicName}. Jag heter {clinicianName}.' },
  { id: 'infor-operation', title: 'Inför operation', text: 'Hej {patientFirstName}! Ät ingenting efter klockan 24. Operationen är {operationDate}. /{clinicianName}, {today}' },
];
