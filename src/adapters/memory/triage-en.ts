import type { Questionnaire } from '../../core/types.js';

/** The built-in demo triage in English: the same as demo/questionnaires/contact-reason.en.json. */
export const defaultTriageEn: Questionnaire = {
  "resourceType": "Questionnaire",
  "id": "contact-reason-en",
  "url": "https://vardchat.se/fhir/Questionnaire/contact-reason",
  "version": "1.0.0",
  "language": "en",
  "status": "active",
  "title": "What is your contact about?",
  "item": [
    {
      "linkId": "reason",
      "type": "choice",
      "required": true,
      "text": "What is your contact about?",
      "extension": [
        {
          "url": "https://vardchat.se/fhir/StructureDefinition/contact-reason",
          "valueBoolean": true
        }
      ],
      "answerOption": [
        {
          "valueCoding": {
            "system": "https://vardchat.se/fhir/CodeSystem/contact-reason",
            "code": "advice",
            "display": "Advice about symptoms"
          }
        },
        {
          "valueCoding": {
            "system": "https://vardchat.se/fhir/CodeSystem/contact-reason",
            "code": "booking",
            "display": "Book, change or cancel a visit"
          }
        },
        {
          "valueCoding": {
            "system": "https://vardchat.se/fhir/CodeSystem/contact-reason",
            "code": "prescription",
            "display": "Renew a prescription"
          }
        },
        {
          "valueCoding": {
            "system": "https://vardchat.se/fhir/CodeSystem/contact-reason",
            "code": "before-visit",
            "display": "A question before a visit"
          }
        },
        {
          "valueCoding": {
            "system": "https://vardchat.se/fhir/CodeSystem/contact-reason",
            "code": "other",
            "display": "Other"
          }
        }
      ]
    },
    {
      "linkId": "symptoms",
      "type": "group",
      "text": "About your symptoms",
      "enableWhen": [
        {
          "question": "reason",
          "operator": "=",
          "answerCoding": {
            "system": "https://vardchat.se/fhir/CodeSystem/contact-reason",
            "code": "advice"
          }
        }
      ],
      "item": [
        {
          "linkId": "symptom",
          "type": "choice",
          "repeats": true,
          "required": true,
          "text": "Which symptoms do you have? Choose all that apply.",
          "answerOption": [
            {
              "valueCoding": {
                "system": "https://vardchat.se/fhir/CodeSystem/symptom",
                "code": "chest-pain",
                "display": "Pain or pressure in the chest"
              }
            },
            {
              "valueCoding": {
                "system": "https://vardchat.se/fhir/CodeSystem/symptom",
                "code": "breathing",
                "display": "Difficulty breathing"
              }
            },
            {
              "valueCoding": {
                "system": "https://vardchat.se/fhir/CodeSystem/symptom",
                "code": "stroke-signs",
                "display": "Sudden weakness or numbness on one side of the body, slurred speech or a drooping mouth"
              },
              "extension": [
                {
                  "url": "https://vardchat.se/fhir/StructureDefinition/red-flag",
                  "valueString": "Sudden weakness on one side of the body, slurred speech or a drooping mouth can be signs of a stroke."
                }
              ]
            },
            {
              "valueCoding": {
                "system": "https://vardchat.se/fhir/CodeSystem/symptom",
                "code": "fever",
                "display": "Fever"
              }
            },
            {
              "valueCoding": {
                "system": "https://vardchat.se/fhir/CodeSystem/symptom",
                "code": "cough",
                "display": "Cough or a cold"
              }
            },
            {
              "valueCoding": {
                "system": "https://vardchat.se/fhir/CodeSystem/symptom",
                "code": "stomach",
                "display": "Stomach problems"
              }
            },
            {
              "valueCoding": {
                "system": "https://vardchat.se/fhir/CodeSystem/symptom",
                "code": "skin",
                "display": "Skin problems"
              }
            },
            {
              "valueCoding": {
                "system": "https://vardchat.se/fhir/CodeSystem/symptom",
                "code": "other",
                "display": "Something else"
              }
            }
          ]
        },
        {
          "linkId": "chest-and-breathing",
          "type": "display",
          "text": "Chest pain and difficulty breathing",
          "extension": [
            {
              "url": "https://vardchat.se/fhir/StructureDefinition/red-flag",
              "valueString": "Chest pain together with difficulty breathing can be a sign of a serious heart or lung condition."
            }
          ],
          "enableBehavior": "all",
          "enableWhen": [
            {
              "question": "symptom",
              "operator": "=",
              "answerCoding": {
                "system": "https://vardchat.se/fhir/CodeSystem/symptom",
                "code": "chest-pain"
              }
            },
            {
              "question": "symptom",
              "operator": "=",
              "answerCoding": {
                "system": "https://vardchat.se/fhir/CodeSystem/symptom",
                "code": "breathing"
              }
            }
          ]
        },
        {
          "linkId": "duration",
          "type": "choice",
          "required": true,
          "text": "How long have you had the symptoms?",
          "answerOption": [
            {
              "valueString": "Less than a day"
            },
            {
              "valueString": "1–3 days"
            },
            {
              "valueString": "4–7 days"
            },
            {
              "valueString": "More than a week"
            }
          ]
        },
        {
          "linkId": "temperature",
          "type": "decimal",
          "text": "How high has your fever been, in degrees Celsius?",
          "enableWhen": [
            {
              "question": "symptom",
              "operator": "=",
              "answerCoding": {
                "system": "https://vardchat.se/fhir/CodeSystem/symptom",
                "code": "fever"
              }
            }
          ]
        },
        {
          "linkId": "description",
          "type": "text",
          "maxLength": 1000,
          "text": "Describe your symptoms in your own words (optional)."
        }
      ]
    },
    {
      "linkId": "visit",
      "type": "group",
      "text": "Your visit",
      "enableWhen": [
        {
          "question": "reason",
          "operator": "=",
          "answerCoding": {
            "system": "https://vardchat.se/fhir/CodeSystem/contact-reason",
            "code": "booking"
          }
        }
      ],
      "item": [
        {
          "linkId": "visit-action",
          "type": "choice",
          "required": true,
          "text": "What would you like to do?",
          "answerOption": [
            {
              "valueCoding": {
                "system": "https://vardchat.se/fhir/CodeSystem/contact-reason",
                "code": "book-new",
                "display": "Book a new visit"
              }
            },
            {
              "valueCoding": {
                "system": "https://vardchat.se/fhir/CodeSystem/contact-reason",
                "code": "change",
                "display": "Change a booked visit"
              }
            },
            {
              "valueCoding": {
                "system": "https://vardchat.se/fhir/CodeSystem/contact-reason",
                "code": "cancel",
                "display": "Cancel a visit"
              }
            }
          ]
        },
        {
          "linkId": "visit-date",
          "type": "date",
          "required": true,
          "text": "What is the date of your booked visit? (YYYY-MM-DD)",
          "enableBehavior": "all",
          "enableWhen": [
            {
              "question": "visit-action",
              "operator": "exists",
              "answerBoolean": true
            },
            {
              "question": "visit-action",
              "operator": "!=",
              "answerCoding": {
                "system": "https://vardchat.se/fhir/CodeSystem/contact-reason",
                "code": "book-new"
              }
            }
          ]
        },
        {
          "linkId": "video-ok",
          "type": "boolean",
          "text": "Would a video call instead of a visit be fine?",
          "enableWhen": [
            {
              "question": "visit-action",
              "operator": "=",
              "answerCoding": {
                "system": "https://vardchat.se/fhir/CodeSystem/contact-reason",
                "code": "book-new"
              }
            }
          ]
        }
      ]
    },
    {
      "linkId": "prescription",
      "type": "group",
      "text": "Your prescription",
      "enableWhen": [
        {
          "question": "reason",
          "operator": "=",
          "answerCoding": {
            "system": "https://vardchat.se/fhir/CodeSystem/contact-reason",
            "code": "prescription"
          }
        }
      ],
      "item": [
        {
          "linkId": "medicine",
          "type": "string",
          "required": true,
          "maxLength": 200,
          "text": "Which medicine is it? Write its name and strength."
        },
        {
          "linkId": "days-left",
          "type": "integer",
          "text": "For how many days do you have medicine left?"
        },
        {
          "linkId": "few-days-left",
          "type": "display",
          "text": "We prioritise renewals when the medicine is running out.",
          "enableBehavior": "any",
          "enableWhen": [
            {
              "question": "days-left",
              "operator": "<=",
              "answerInteger": 3
            }
          ]
        }
      ]
    },
    {
      "linkId": "visit-question",
      "type": "text",
      "required": true,
      "maxLength": 1000,
      "text": "What would you like to ask before your visit?",
      "enableWhen": [
        {
          "question": "reason",
          "operator": "=",
          "answerCoding": {
            "system": "https://vardchat.se/fhir/CodeSystem/contact-reason",
            "code": "before-visit"
          }
        }
      ]
    },
    {
      "linkId": "other-text",
      "type": "text",
      "required": true,
      "maxLength": 1000,
      "text": "Briefly describe what you need help with.",
      "enableWhen": [
        {
          "question": "reason",
          "operator": "=",
          "answerCoding": {
            "system": "https://vardchat.se/fhir/CodeSystem/contact-reason",
            "code": "other"
          }
        }
      ]
    }
  ]
};
