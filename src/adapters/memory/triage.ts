import type { Questionnaire } from '../../core/types.js';

/** The built-in demo triage (Swedish): the same as demo/questionnaires/contact-reason.sv.json (a test keeps them equal). */
export const defaultTriage: Questionnaire = {
  "resourceType": "Questionnaire",
  "id": "contact-reason-sv",
  "url": "https://vardchat.se/fhir/Questionnaire/contact-reason",
  "version": "1.0.0",
  "language": "sv",
  "status": "active",
  "title": "Vad gäller din kontakt?",
  "item": [
    {
      "linkId": "reason",
      "type": "choice",
      "required": true,
      "text": "Vad gäller din kontakt?",
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
            "display": "Råd om symtom"
          }
        },
        {
          "valueCoding": {
            "system": "https://vardchat.se/fhir/CodeSystem/contact-reason",
            "code": "booking",
            "display": "Boka, ändra eller avboka en tid"
          }
        },
        {
          "valueCoding": {
            "system": "https://vardchat.se/fhir/CodeSystem/contact-reason",
            "code": "prescription",
            "display": "Förnya ett recept"
          }
        },
        {
          "valueCoding": {
            "system": "https://vardchat.se/fhir/CodeSystem/contact-reason",
            "code": "before-visit",
            "display": "En fråga inför ett besök"
          }
        },
        {
          "valueCoding": {
            "system": "https://vardchat.se/fhir/CodeSystem/contact-reason",
            "code": "other",
            "display": "Annat"
          }
        }
      ]
    },
    {
      "linkId": "symptoms",
      "type": "group",
      "text": "Om dina besvär",
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
          "text": "Vilka besvär har du? Välj alla som stämmer.",
          "answerOption": [
            {
              "valueCoding": {
                "system": "https://vardchat.se/fhir/CodeSystem/symptom",
                "code": "chest-pain",
                "display": "Smärta eller tryck i bröstet"
              }
            },
            {
              "valueCoding": {
                "system": "https://vardchat.se/fhir/CodeSystem/symptom",
                "code": "breathing",
                "display": "Svårt att andas"
              }
            },
            {
              "valueCoding": {
                "system": "https://vardchat.se/fhir/CodeSystem/symptom",
                "code": "stroke-signs",
                "display": "Plötslig svaghet eller domning i ena sidan av kroppen, sluddrigt tal eller hängande mungipa"
              },
              "extension": [
                {
                  "url": "https://vardchat.se/fhir/StructureDefinition/red-flag",
                  "valueString": "Plötslig svaghet i ena sidan av kroppen, sluddrigt tal eller hängande mungipa kan vara tecken på stroke."
                }
              ]
            },
            {
              "valueCoding": {
                "system": "https://vardchat.se/fhir/CodeSystem/symptom",
                "code": "fever",
                "display": "Feber"
              }
            },
            {
              "valueCoding": {
                "system": "https://vardchat.se/fhir/CodeSystem/symptom",
                "code": "cough",
                "display": "Hosta eller förkylning"
              }
            },
            {
              "valueCoding": {
                "system": "https://vardchat.se/fhir/CodeSystem/symptom",
                "code": "stomach",
                "display": "Magbesvär"
              }
            },
            {
              "valueCoding": {
                "system": "https://vardchat.se/fhir/CodeSystem/symptom",
                "code": "skin",
                "display": "Hudbesvär"
              }
            },
            {
              "valueCoding": {
                "system": "https://vardchat.se/fhir/CodeSystem/symptom",
                "code": "other",
                "display": "Annat"
              }
            }
          ]
        },
        {
          "linkId": "chest-and-breathing",
          "type": "display",
          "text": "Smärta i bröstet och svårt att andas",
          "extension": [
            {
              "url": "https://vardchat.se/fhir/StructureDefinition/red-flag",
              "valueString": "Smärta i bröstet tillsammans med andningssvårigheter kan vara tecken på en allvarlig hjärt- eller lungsjukdom."
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
          "text": "Hur länge har du haft besvären?",
          "answerOption": [
            {
              "valueString": "Mindre än ett dygn"
            },
            {
              "valueString": "1–3 dagar"
            },
            {
              "valueString": "4–7 dagar"
            },
            {
              "valueString": "Mer än en vecka"
            }
          ]
        },
        {
          "linkId": "temperature",
          "type": "decimal",
          "text": "Hur hög feber har du haft, i grader Celsius?",
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
          "text": "Beskriv dina besvär med egna ord (frivilligt)."
        }
      ]
    },
    {
      "linkId": "visit",
      "type": "group",
      "text": "Din tid",
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
          "text": "Vad vill du göra?",
          "answerOption": [
            {
              "valueCoding": {
                "system": "https://vardchat.se/fhir/CodeSystem/contact-reason",
                "code": "book-new",
                "display": "Boka en ny tid"
              }
            },
            {
              "valueCoding": {
                "system": "https://vardchat.se/fhir/CodeSystem/contact-reason",
                "code": "change",
                "display": "Ändra en bokad tid"
              }
            },
            {
              "valueCoding": {
                "system": "https://vardchat.se/fhir/CodeSystem/contact-reason",
                "code": "cancel",
                "display": "Avboka en tid"
              }
            }
          ]
        },
        {
          "linkId": "visit-date",
          "type": "date",
          "required": true,
          "text": "Vilket datum har du din bokade tid? (ÅÅÅÅ-MM-DD)",
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
          "text": "Går det bra med ett videosamtal i stället för ett besök?",
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
      "text": "Ditt recept",
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
          "text": "Vilket läkemedel gäller det? Skriv namn och styrka."
        },
        {
          "linkId": "days-left",
          "type": "integer",
          "text": "För hur många dagar har du läkemedel kvar?"
        },
        {
          "linkId": "few-days-left",
          "type": "display",
          "text": "Vi prioriterar förnyelser när läkemedlet snart tar slut.",
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
      "text": "Vad vill du fråga inför ditt besök?",
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
      "text": "Beskriv kort vad du vill ha hjälp med.",
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
