import type { Texts } from "./types";

/** Trade-fair lead import: pages, reasons (import.reason.<CODE>) and the contact fields of the mapping. */
export const imports = {
  "nav.imports": { en: "Lead imports", nl: "Leadimport", fr: "Import de leads" },

  // ---- Reasons and warnings (codes from app/domain/imports) ----
  "import.reason.FILE_EMPTY": { en: "The file is empty.", nl: "Het bestand is leeg.", fr: "Le fichier est vide." },
  "import.reason.FILE_NOT_CSV": {
    en: "This is not a CSV file (perhaps a spreadsheet or an image). Save it as CSV and upload that.",
    nl: "Dit is geen CSV-bestand (misschien een rekenblad of een afbeelding). Sla het op als CSV en laad dat op.",
    fr: "Ce n'est pas un fichier CSV (peut-être un tableur ou une image). Enregistrez-le au format CSV et chargez celui-ci.",
  },
  "import.reason.ENCODING_UNSUPPORTED": {
    en: "The file is saved as \"Unicode text\" (UTF-16). Save it as \"CSV UTF-8\" or \"CSV (semicolon delimited)\" instead.",
    nl: "Het bestand is bewaard als \"Unicode-tekst\" (UTF-16). Sla het op als \"CSV UTF-8\" of \"CSV (gescheiden door puntkomma's)\".",
    fr: "Le fichier est enregistré en « Texte Unicode » (UTF-16). Enregistrez-le plutôt en « CSV UTF-8 » ou « CSV (séparateur : point-virgule) ».",
  },
  "import.reason.ROW_TOO_LARGE": {
    en: "A quotation mark is never closed, so the rest of the file reads as one huge cell. Fix the quotes and upload again.",
    nl: "Een aanhalingsteken wordt nooit gesloten, waardoor de rest van het bestand als één enorme cel leest. Herstel de aanhalingstekens en laad opnieuw op.",
    fr: "Un guillemet n'est jamais fermé : le reste du fichier se lit comme une seule cellule géante. Corrigez les guillemets et chargez à nouveau.",
  },
  "import.reason.ABORTED": { en: "Reading the file was stopped.", nl: "Het lezen van het bestand werd gestopt.", fr: "La lecture du fichier a été interrompue." },
  "import.reason.FILE_MISSING": { en: "Choose a file to upload.", nl: "Kies een bestand om op te laden.", fr: "Choisissez un fichier à charger." },
  "import.reason.FILE_TOO_LARGE": {
    en: "The file is larger than 512 MB. Split it into smaller files.",
    nl: "Het bestand is groter dan 512 MB. Splits het in kleinere bestanden.",
    fr: "Le fichier dépasse 512 Mo. Divisez-le en fichiers plus petits.",
  },
  "import.reason.FILE_TOO_MANY_ROWS": {
    en: "The file has more than 1,048,576 rows. Split it into smaller files.",
    nl: "Het bestand heeft meer dan 1.048.576 rijen. Splits het in kleinere bestanden.",
    fr: "Le fichier compte plus de 1 048 576 lignes. Divisez-le en fichiers plus petits.",
  },
  "import.reason.MAPPING_NEEDS_NAME_OR_EMAIL": {
    en: "Map a column to e-mail, or columns to both first name and last name: otherwise a lead cannot be recognised.",
    nl: "Koppel een kolom aan e-mail, of kolommen aan voornaam én achternaam: anders is een lead niet te herkennen.",
    fr: "Associez une colonne à l'e-mail, ou des colonnes au prénom et au nom : sinon un lead ne peut pas être reconnu.",
  },
  "import.reason.MAPPING_DUPLICATE_FIELD": {
    en: "Two columns feed the same field. Choose \"Ignore\" for one of them.",
    nl: "Twee kolommen vullen hetzelfde veld. Kies \"Negeren\" voor een ervan.",
    fr: "Deux colonnes alimentent le même champ. Choisissez « Ignorer » pour l'une d'elles.",
  },
  "import.reason.MAPPING_OPT_IN_NEEDS_WORDING": {
    en: "An opt-in column is mapped: enter the consent wording the visitors saw. It is the evidence of their consent.",
    nl: "Er is een opt-inkolom gekoppeld: vul de toestemmingstekst in die de bezoekers zagen. Dat is het bewijs van hun toestemming.",
    fr: "Une colonne d'opt-in est associée : saisissez le texte de consentement présenté aux visiteurs. C'est la preuve de leur consentement.",
  },
  "import.reason.MAPPING_COLUMNS_CHANGED": {
    en: "The mapping does not match the file's columns. Reload the page.",
    nl: "De koppeling past niet bij de kolommen van het bestand. Laad de pagina opnieuw.",
    fr: "L'association ne correspond pas aux colonnes du fichier. Rechargez la page.",
  },
  "import.reason.ROW_MALFORMED": {
    en: "The row does not read cleanly: a quote is not closed, or an unquoted separator shifted the columns.",
    nl: "De rij leest niet correct: een aanhalingsteken is niet gesloten, of een scheidingsteken zonder aanhalingstekens verschoof de kolommen.",
    fr: "La ligne ne se lit pas correctement : un guillemet n'est pas fermé, ou un séparateur sans guillemets a décalé les colonnes.",
  },
  "import.reason.FIELD_TOO_LONG": { en: "A value is too long.", nl: "Een waarde is te lang.", fr: "Une valeur est trop longue." },
  "import.reason.FIELD_TOO_LONG.field": { en: "The value for \"{{field}}\" is too long.", nl: "De waarde voor \"{{field}}\" is te lang.", fr: "La valeur de « {{field}} » est trop longue." },
  "import.reason.NO_NAME_NO_EMAIL": {
    en: "No e-mail address and no full name: the lead cannot be recognised or contacted.",
    nl: "Geen e-mailadres en geen volledige naam: de lead is niet te herkennen of te contacteren.",
    fr: "Ni adresse e-mail ni nom complet : le lead ne peut être ni reconnu ni contacté.",
  },
  "import.reason.EMAIL_INVALID": { en: "The e-mail address is not valid.", nl: "Het e-mailadres is ongeldig.", fr: "L'adresse e-mail n'est pas valide." },
  "import.reason.PHONE_DROPPED": {
    en: "A phone number was not valid and was left out.",
    nl: "Een telefoonnummer was ongeldig en werd weggelaten.",
    fr: "Un numéro de téléphone n'était pas valide et a été omis.",
  },
  "import.reason.LANGUAGE_DROPPED": {
    en: "The language was not Dutch, French or English and was left out.",
    nl: "De taal was geen Nederlands, Frans of Engels en werd weggelaten.",
    fr: "La langue n'était ni le néerlandais, ni le français, ni l'anglais et a été omise.",
  },
  "import.reason.OPT_IN_UNRECOGNISED": {
    en: "The opt-in cell was neither yes nor no, so no consent was recorded.",
    nl: "De opt-incel was geen ja of nee; er werd geen toestemming geregistreerd.",
    fr: "La cellule d'opt-in n'était ni oui ni non : aucun consentement n'a été enregistré.",
  },
  "import.reason.SUPPRESSED": {
    en: "This person asked to be erased or objected to marketing (suppression list): not imported.",
    nl: "Deze persoon vroeg om wissing of maakte bezwaar tegen marketing (blokkeerlijst): niet geïmporteerd.",
    fr: "Cette personne a demandé l'effacement ou s'est opposée au marketing (liste de suppression) : non importée.",
  },
  "import.reason.DUPLICATE_IN_FILE": {
    en: "Same person as an earlier row of this file (same e-mail, or same name and organisation).",
    nl: "Dezelfde persoon als een eerdere rij van dit bestand (zelfde e-mail, of zelfde naam en organisatie).",
    fr: "Même personne qu'une ligne précédente de ce fichier (même e-mail, ou même nom et organisation).",
  },
  "import.reason.CONTACT_RESTRICTED": {
    en: "The existing contact is restricted (Art. 18): nothing was changed on it.",
    nl: "Het bestaande contact is beperkt (art. 18): er werd niets aan gewijzigd.",
    fr: "Le contact existant est limité (art. 18) : rien n'y a été modifié.",
  },
  "import.reason.NEWSLETTER_WITHDRAWN": {
    en: "The person had withdrawn newsletter consent before; the file's opt-in was not applied. A person decides.",
    nl: "De persoon had eerder de toestemming voor de nieuwsbrief ingetrokken; de opt-in van het bestand werd niet toegepast. Een medewerker beslist.",
    fr: "La personne avait retiré son consentement à la lettre d'information ; l'opt-in du fichier n'a pas été appliqué. Une personne décide.",
  },
  "import.reason.UNDO_KEPT_CHANGED": {
    en: "Kept: staff worked on this contact after the import.",
    nl: "Behouden: een medewerker werkte na de import aan dit contact.",
    fr: "Conservé : un membre du personnel a travaillé sur ce contact après l'import.",
  },
  "import.reason.UNDO_KEPT_CHANGED.field": {
    en: "Kept \"{{field}}\": changed by staff after the import.",
    nl: "\"{{field}}\" behouden: na de import door een medewerker gewijzigd.",
    fr: "« {{field}} » conservé : modifié par le personnel après l'import.",
  },
  "import.reason.BATCH_NOT_PREVIEW": {
    en: "This import has already started.",
    nl: "Deze import is al gestart.",
    fr: "Cet import a déjà commencé.",
  },
  "import.reason.BATCH_NOT_RUNNING": { en: "This import is no longer running.", nl: "Deze import loopt niet meer.", fr: "Cet import n'est plus en cours." },
  "import.reason.BATCH_NOT_DONE": {
    en: "Only a finished import can be undone.",
    nl: "Alleen een voltooide import kan ongedaan worden gemaakt.",
    fr: "Seul un import terminé peut être annulé.",
  },
  "import.reason.IMPORT_ALREADY_RUNNING": {
    en: "Another import is running. Start this one when it has finished.",
    nl: "Er loopt al een andere import. Start deze wanneer die klaar is.",
    fr: "Un autre import est en cours. Lancez celui-ci quand il sera terminé.",
  },
  "import.reason.TRADE_FAIR_NAME_TAKEN": {
    en: "A trade fair with this name exists already. Choose it from the list.",
    nl: "Er bestaat al een beurs met deze naam. Kies ze uit de lijst.",
    fr: "Un salon portant ce nom existe déjà. Choisissez-le dans la liste.",
  },
  "import.reason.TRADE_FAIR_UNKNOWN": { en: "This trade fair does not exist.", nl: "Deze beurs bestaat niet.", fr: "Ce salon n'existe pas." },
  "import.reason.CONFLICT_ALREADY_RESOLVED": {
    en: "These differences were resolved already.",
    nl: "Deze verschillen werden al opgelost.",
    fr: "Ces différences ont déjà été résolues.",
  },
  "import.reason.EMAIL_TAKEN": {
    en: "Another contact already has this e-mail address.",
    nl: "Een ander contact heeft dit e-mailadres al.",
    fr: "Un autre contact a déjà cette adresse e-mail.",
  },
  "import.reason.INTERRUPTED": {
    en: "The import was interrupted (the server stopped) and has been rolled back.",
    nl: "De import werd onderbroken (de server stopte) en is teruggedraaid.",
    fr: "L'import a été interrompu (le serveur s'est arrêté) et a été annulé.",
  },
  "import.reason.FAILED": {
    en: "The import failed and has been rolled back.",
    nl: "De import mislukte en is teruggedraaid.",
    fr: "L'import a échoué et a été annulé.",
  },
  "import.reason.CANCELLED": {
    en: "The import was cancelled and has been rolled back.",
    nl: "De import werd geannuleerd en is teruggedraaid.",
    fr: "L'import a été interrompu à la demande et a été annulé.",
  },

  // ---- Contact fields of the mapping ----
  "import.field.firstName": { en: "First name", nl: "Voornaam", fr: "Prénom" },
  "import.field.lastName": { en: "Last name", nl: "Achternaam", fr: "Nom" },
  "import.field.email": { en: "E-mail", nl: "E-mail", fr: "E-mail" },
  "import.field.organisation": { en: "Organisation", nl: "Organisatie", fr: "Organisation" },
  "import.field.organisationId": { en: "Organisation", nl: "Organisatie", fr: "Organisation" },
  "import.field.jobTitle": { en: "Job title", nl: "Functie", fr: "Fonction" },
  "import.field.mobile": { en: "Mobile", nl: "GSM", fr: "GSM" },
  "import.field.phone": { en: "Company phone", nl: "Telefoon (bedrijf)", fr: "Téléphone (société)" },
  "import.field.language": { en: "Language", nl: "Taal", fr: "Langue" },
  "import.field.street": { en: "Street and number", nl: "Straat en nummer", fr: "Rue et numéro" },
  "import.field.postalCode": { en: "Postal code", nl: "Postcode", fr: "Code postal" },
  "import.field.city": { en: "City", nl: "Gemeente", fr: "Localité" },
  "import.field.country": { en: "Country", nl: "Land", fr: "Pays" },
  "import.field.optIn": { en: "Newsletter opt-in (yes/no)", nl: "Opt-in nieuwsbrief (ja/nee)", fr: "Opt-in lettre d'information (oui/non)" },
  "import.field.notes": { en: "Remarks (kept as a note)", nl: "Opmerkingen (bewaard als notitie)", fr: "Remarques (conservées comme note)" },
  "import.field.ignore": { en: "Ignore this column", nl: "Deze kolom negeren", fr: "Ignorer cette colonne" },
  "import.field.purpose.prospecting": { en: "Prospecting purpose", nl: "Doel prospectie", fr: "Finalité prospection" },
  "import.field.purpose.newsletter": { en: "Newsletter purpose", nl: "Doel nieuwsbrief", fr: "Finalité lettre d'information" },
} satisfies Record<string, Texts>;
