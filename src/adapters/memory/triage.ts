import type { Questionnaire } from '../../core/types.js';

/** A placeholder contact-reason questionnaire; the triage issue brings the full demo set. */
export const defaultTriage: Questionnaire = {
  resourceType: 'Questionnaire',
  id: 'contact-reason',
  status: 'active',
  item: [
    {
      linkId: 'reason', type: 'choice', required: true, text: 'Vad gäller din kontakt?',
      answerOption: [
        { valueCoding: { code: 'advice', display: 'Råd om symtom' } },
        { valueCoding: { code: 'booking', display: 'Boka eller ändra en tid' } },
        { valueCoding: { code: 'other', display: 'Annat' } },
      ],
    },
  ],
};
