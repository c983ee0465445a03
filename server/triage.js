// The contact-reason questionnaire the reference server hands out (FHIR R4 Questionnaire).
// Its answer codes route a new conversation to a queue (see queueFor in chat.js).
export const triageQuestionnaire = {
  resourceType: 'Questionnaire',
  id: 'contact-reason',
  status: 'active',
  item: [
    {
      linkId: 'reason', type: 'choice', required: true, text: 'Vad gäller din kontakt?',
      answerOption: [
        { valueCoding: { code: 'advice', display: 'Råd om symtom' } },
        { valueCoding: { code: 'medication', display: 'Läkemedel eller recept' } },
        { valueCoding: { code: 'back-pain', display: 'Ont i rygg, leder eller muskler' } },
        { valueCoding: { code: 'booking', display: 'Boka eller ändra en tid' } },
        { valueCoding: { code: 'other', display: 'Annat' } },
      ],
    },
  ],
};
