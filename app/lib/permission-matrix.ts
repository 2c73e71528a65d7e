/**
 * Who may call what: one row per file in app/routes, for its loader and its action (and each
 * intent the action knows). Data only. `npm run docs:permissions` renders it to
 * docs/permissions.md; test/integration/permission-matrix.test.ts calls every loader and action as
 * each role and holds the code to it, and fails when a route file is missing here.
 */

/**
 * public: anyone, signed in or not · anonymous-only: signed-out visitors (a signed-in one is sent
 * home) · sales < manager < admin: the least role that may (signed out → sign-in page; below → 403).
 */
export type Access = "public" | "anonymous-only" | "sales" | "manager" | "admin";

/** Record-level rules on top of the role. Enforced in the domain operation, whatever the entry point. */
export const OWNERSHIP_RULES = {
  "contact-editor":
    "sales: contacts they own or that have no owner; managers and admins: every contact. Nobody while the contact is restricted (Art. 18) or once erased.",
  "quote-contact-editor": "as contact-editor, for the quote's contact; a quote to an organisation alone involves no personal data: any staff",
  "quote-creator": "the staff member who made the quote, or a manager",
  "batch-uploader": "the staff member who uploaded the batch, or a manager",
  "own-session": "only the caller's own sessions; another's session id answers 404, so nothing tells whether it exists",
  self: "the caller's own account only: no id is taken from the URL or the form",
  "not-self": "an admin cannot do this to their own account (refused with an error message)",
} as const;
export type Ownership = keyof typeof OWNERSHIP_RULES;

/** How a refusal for ownership shows: a 403, a 404, a redirect with an error flash, a 400 form error, a redirect away, or the record skipped in a bulk action. */
export type Refusal = "403" | "404" | "flash" | "form-400" | "redirect" | "skipped";

export type Rule = {
  access: Access;
  ownership?: Ownership;
  refused?: Refusal;
  /** The zod schema that validates the posted form: "<domain module>#<export>" under app/domain. */
  schema?: string;
  notes?: string;
};

export type ActionRule = Rule & {
  /** The hidden `intent` values the action knows (any other → 400), each with its own rule. */
  intents?: Record<string, Rule>;
  /** The form is multipart (a file upload). */
  multipart?: true;
};

export type RouteEntry = {
  file: string;
  /** URL pattern as Remix flat routes make it from the file name. */
  url: string;
  layout?: true;
  loader: Rule | null;
  action: ActionRule | null;
  notes?: string;
};

const S = "sales";
const M = "manager";
const A = "admin";
const own = { ownership: "contact-editor", refused: "flash" } as const;

export const PERMISSION_MATRIX: readonly RouteEntry[] = [
  { file: "_app.$.tsx", url: "/*", loader: { access: S, notes: "any unknown URL: 404 after sign-in" }, action: null },
  { file: "_app._index.tsx", url: "/", loader: { access: S, notes: "home; counts of privacy queues only for managers" }, action: null },
  { file: "_app.admin._index.tsx", url: "/admin", loader: { access: A, notes: "redirects to /admin/staff" }, action: null },
  { file: "_app.admin.audit.tsx", url: "/admin/audit", loader: { access: A }, action: null },
  { file: "_app.admin.company.tsx", url: "/admin/company", loader: { access: A }, action: { access: A, schema: "quotes/company.schema#companySchema" } },
  { file: "_app.admin.outbox.tsx", url: "/admin/outbox", loader: { access: A }, action: null },
  {
    file: "_app.admin.processors.$processorId.tsx", url: "/admin/processors/:processorId", loader: { access: A },
    action: { access: A, schema: "processors/processor.schema#processorSchema" },
  },
  { file: "_app.admin.processors._index.tsx", url: "/admin/processors", loader: { access: A }, action: null },
  {
    file: "_app.admin.processors.new.tsx", url: "/admin/processors/new", loader: { access: A },
    action: { access: A, schema: "processors/processor.schema#processorSchema" },
  },
  {
    file: "_app.admin.purposes.$purposeId.tsx", url: "/admin/purposes/:purposeId", loader: { access: A, notes: "with the purpose's latest retention recompute; re-read every second while it runs" },
    action: {
      access: A,
      intents: {
        save: {
          access: A, schema: "purposes/purpose.schema#purposeSchema",
          notes: "a changed retention rule starts a background recompute of every record of the purpose (progress on this page); refused (409) while the last one is unfinished",
        },
        resume: { access: A, notes: "resumes a recompute that stopped on an error, from its last batch" },
      },
    },
  },
  { file: "_app.admin.purposes._index.tsx", url: "/admin/purposes", loader: { access: A, notes: "with the recomputes running or stopped" }, action: null },
  {
    file: "_app.admin.security.tsx", url: "/admin/security", loader: { access: A },
    action: { access: A, schema: "staff/two-factor.schema#requiredRolesSchema", notes: "which roles must use two-step sign-in" },
  },
  {
    file: "_app.admin.staff.$staffId.tsx", url: "/admin/staff/:staffId", loader: { access: A },
    action: {
      access: A,
      intents: {
        "reset-two-factor": { access: A, ownership: "not-self", refused: "flash" },
        "end-sessions": { access: A, ownership: "not-self", refused: "flash" },
        deactivate: { access: A, ownership: "not-self", refused: "flash" },
        reactivate: { access: A, ownership: "not-self", refused: "flash" },
        unlock: { access: A },
        role: { access: A, ownership: "not-self", refused: "flash", schema: "staff/staff.schema#changeRoleSchema" },
      },
    },
  },
  { file: "_app.admin.staff._index.tsx", url: "/admin/staff", loader: { access: A }, action: null },
  {
    file: "_app.admin.staff.new.tsx", url: "/admin/staff/new", loader: { access: A },
    action: { access: A, schema: "staff/staff.schema#createStaffSchema", notes: "the one-time password is shown once and never stored in clear" },
  },
  { file: "_app.admin.tsx", url: "/admin", layout: true, loader: { access: A, notes: "layout of the admin tabs" }, action: null },
  {
    file: "_app.contacts.$contactId._index.tsx", url: "/contacts/:contactId",
    loader: { access: S, notes: "every member of staff may read a contact; the forms shown follow the rules below" },
    action: {
      access: S,
      intents: {
        "record-consent": { access: S, ...own, schema: "privacy/consent.schema#recordConsentSchema" },
        "withdraw-consent": { access: S, schema: "privacy/consent.schema#withdrawConsentSchema", notes: "Art. 7(3): anyone may record a withdrawal, also on a contact they do not own or that is restricted" },
        "log-interaction": { access: S, ...own, schema: "contacts/contact.schema#interactionSchema" },
        restrict: { access: M, schema: "contacts/contact.schema#restrictionSchema", notes: "Art. 18" },
        "lift-restriction": { access: M },
      },
    },
  },
  {
    file: "_app.contacts.$contactId.edit.tsx", url: "/contacts/:contactId/edit",
    loader: { access: S, ownership: "contact-editor", refused: "flash", notes: "a contact that may not be changed is shown on its page instead" },
    action: { access: S, ownership: "contact-editor", refused: "403", schema: "contacts/contact.schema#contactSchema", notes: "only managers give a contact to another owner" },
  },
  {
    file: "_app.contacts._index.tsx", url: "/contacts", loader: { access: S },
    action: {
      access: S,
      intents: {
        "assign-owner": { access: M, schema: "contacts/contact-list.schema#bulkActionSchema" },
        "add-tag": { access: S, ownership: "contact-editor", refused: "skipped", schema: "contacts/contact-list.schema#bulkActionSchema" },
      },
    },
  },
  { file: "_app.contacts.export.tsx", url: "/contacts/export", loader: { access: S, notes: "CSV of the filtered list; restricted contacts left out; the export is audited" }, action: null },
  {
    file: "_app.contacts.new.tsx", url: "/contacts/new", loader: { access: S },
    action: { access: S, schema: "contacts/contact.schema#contactSchema", notes: "sales may only make themselves the owner; a suppressed e-mail is refused" },
  },
  {
    file: "_app.imports.$batchId.rejects[.]csv.tsx", url: "/imports/:batchId/rejects.csv",
    loader: { access: S, ownership: "batch-uploader", refused: "403", notes: "the rejected rows as the file had them, to fix and upload again" }, action: null,
  },
  {
    file: "_app.imports.$batchId.tsx", url: "/imports/:batchId", loader: { access: S, notes: "report of any batch; controls only for its uploader or a manager" },
    action: {
      access: S,
      intents: {
        preview: { access: S, ownership: "batch-uploader", refused: "403", schema: "imports/import.schema#mappingFormSchema" },
        start: { access: S, ownership: "batch-uploader", refused: "403" },
        cancel: { access: S, ownership: "batch-uploader", refused: "403" },
        undo: { access: S, ownership: "batch-uploader", refused: "403" },
        resolve: { access: S, ownership: "contact-editor", refused: "flash", schema: "imports/import.schema#resolveConflictSchema" },
      },
    },
  },
  { file: "_app.imports._index.tsx", url: "/imports", loader: { access: S }, action: null },
  {
    file: "_app.imports.new.tsx", url: "/imports/new", loader: { access: S },
    action: { access: S, multipart: true, schema: "imports/import.schema#newImportSchema", notes: "CSV streamed to disk, at most 512 MB; a file that is not readable CSV is refused and deleted" },
  },
  {
    file: "_app.invoices.$invoiceId._index.tsx", url: "/invoices/:invoiceId", loader: { access: S },
    action: {
      access: S,
      intents: { "mark-paid": { access: M, schema: "quotes/quote.schema#markPaidSchema" }, "credit-note": { access: M } },
    },
  },
  { file: "_app.invoices._index.tsx", url: "/invoices", loader: { access: S }, action: null },
  { file: "_app.organisations.$organisationId.tsx", url: "/organisations/:organisationId", loader: { access: S }, action: null },
  {
    file: "_app.organisations.$organisationId_.edit.tsx", url: "/organisations/:organisationId/edit", loader: { access: S },
    action: { access: S, schema: "organisations/organisation.schema#organisationSchema", notes: "a company's data, not a person's: any staff" },
  },
  { file: "_app.organisations._index.tsx", url: "/organisations", loader: { access: S }, action: null },
  {
    file: "_app.organisations.new.tsx", url: "/organisations/new", loader: { access: S },
    action: { access: S, schema: "organisations/organisation.schema#organisationSchema" },
  },
  { file: "_app.organisations.options.tsx", url: "/organisations/options", loader: { access: S, notes: "picker data: id and name, at most 20" }, action: null },
  { file: "_app.privacy._index.tsx", url: "/privacy", loader: { access: M }, action: null },
  {
    file: "_app.privacy.holds.tsx", url: "/privacy/holds", loader: { access: M, notes: "entries on legal hold: who placed each hold, when, why" },
    action: {
      access: M,
      intents: { lift: { access: M, schema: "privacy/retention-review.schema#liftHoldSchema", notes: "with a reason; what ran out during the hold is flagged for review at once" } },
    },
  },
  { file: "_app.privacy.mailing[.]csv.tsx", url: "/privacy/mailing.csv", loader: { access: M, notes: "consenting, unrestricted, unsuppressed contacts of one consent purpose" }, action: null },
  {
    file: "_app.privacy.notices.tsx", url: "/privacy/notices", loader: { access: M, notes: "overdue Art. 14 notices" },
    action: { access: M, intents: { "notice-sent": { access: M, schema: "privacy/art14.schema#noticeSentSchema" } } },
  },
  { file: "_app.privacy.register.tsx", url: "/privacy/register", loader: { access: M, notes: "Art. 30 record of processing" }, action: null },
  { file: "_app.privacy.register[.csv].tsx", url: "/privacy/register.csv", loader: { access: M }, action: null },
  {
    file: "_app.privacy.requests.$requestId._index.tsx", url: "/privacy/requests/:requestId", loader: { access: M },
    action: {
      access: M,
      intents: {
        "link-contact": { access: M, schema: "privacy/dsr.schema#contactIdSchema" },
        "unlink-contact": { access: M, schema: "privacy/dsr.schema#contactIdSchema" },
        "verify-identity": { access: M, schema: "privacy/dsr.schema#verifyIdentitySchema", notes: "how and by whom; never a copy of a document" },
        extend: { access: M, schema: "privacy/dsr.schema#extendDsrSchema", notes: "once, within the first month (Art. 12(3))" },
        close: { access: M, schema: "privacy/dsr.schema#closeDsrSchema" },
        erase: { access: M, schema: "privacy/dsr.schema#contactIdSchema", notes: "only a contact linked to the request, after identity is verified" },
        restrict: { access: M, schema: "privacy/dsr.schema#contactIdSchema" },
        object: { access: M, schema: "privacy/dsr.schema#objectionSchema" },
      },
    },
  },
  {
    file: "_app.privacy.requests.$requestId.pack[.]zip.tsx", url: "/privacy/requests/:requestId/pack.zip",
    loader: { access: M, notes: "409 with the reason until identity is verified and a contact linked" }, action: null,
  },
  { file: "_app.privacy.requests._index.tsx", url: "/privacy/requests", loader: { access: M }, action: null },
  { file: "_app.privacy.requests.new.tsx", url: "/privacy/requests/new", loader: { access: M }, action: { access: M, schema: "privacy/dsr.schema#registerDsrSchema" } },
  {
    file: "_app.privacy.review.tsx", url: "/privacy/review", loader: { access: M, notes: "retention review queue" },
    action: {
      access: M,
      intents: {
        sweep: { access: M },
        "bulk-extend": { access: M, schema: "privacy/retention-review.schema#reviewBulkSchema" },
        "bulk-hold": { access: M, schema: "privacy/retention-review.schema#reviewBulkSchema" },
        erase: { access: M, schema: "privacy/retention-review.schema#reviewDecisionSchema" },
        extend: { access: M, schema: "privacy/retention-review.schema#reviewDecisionSchema" },
        hold: { access: M, schema: "privacy/retention-review.schema#reviewDecisionSchema" },
      },
    },
  },
  {
    file: "_app.privacy.suppression.tsx", url: "/privacy/suppression", loader: { access: M, notes: "keyed hashes only" },
    action: { access: M, schema: "privacy/suppression-list.schema#manualSuppressionSchema" },
  },
  {
    file: "_app.profile.photo.tsx", url: "/profile/photo", loader: { access: S, notes: "redirects to /profile" },
    action: { access: S, ownership: "self", multipart: true, notes: "PNG, JPEG or WebP by content, at most 2 MB" },
  },
  { file: "_app.profile.tsx", url: "/profile", loader: { access: S, ownership: "self" }, action: { access: S, ownership: "self", schema: "staff/staff.schema#profileSchema" } },
  {
    file: "_app.profile_.sessions.tsx", url: "/profile/sessions", loader: { access: S, ownership: "self" },
    action: {
      access: S,
      intents: {
        end: { access: S, ownership: "own-session", refused: "404", schema: "staff/two-factor.schema#sessionIdSchema" },
        "end-others": { access: S, ownership: "self" },
      },
    },
  },
  {
    file: "_app.quotes.$quoteId._index.tsx", url: "/quotes/:quoteId", loader: { access: S },
    action: {
      access: S,
      intents: {
        send: { access: S, ownership: "quote-contact-editor", refused: "flash" },
        accept: { access: S, ownership: "quote-creator", refused: "flash" },
        decline: { access: S, ownership: "quote-creator", refused: "flash" },
        duplicate: { access: S, ownership: "quote-contact-editor", refused: "flash" },
        "issue-invoice": { access: M, schema: "quotes/quote.schema#issueInvoiceSchema" },
      },
    },
  },
  {
    file: "_app.quotes.$quoteId.edit.tsx", url: "/quotes/:quoteId/edit",
    loader: { access: S, ownership: "quote-contact-editor", refused: "redirect", notes: "drafts only; anything else is shown read-only" },
    action: { access: S, ownership: "quote-contact-editor", refused: "form-400", schema: "quotes/quote.schema#quoteFormSchema" },
  },
  { file: "_app.quotes._index.tsx", url: "/quotes", loader: { access: S }, action: null },
  {
    file: "_app.quotes.new.tsx", url: "/quotes/new", loader: { access: S },
    action: { access: S, ownership: "quote-contact-editor", refused: "form-400", schema: "quotes/quote.schema#quoteFormSchema" },
  },
  { file: "_app.trade-fairs.$tradeFairId.tsx", url: "/trade-fairs/:tradeFairId", loader: { access: S }, action: null },
  { file: "_app.trade-fairs._index.tsx", url: "/trade-fairs", loader: { access: S }, action: { access: S, schema: "imports/import.schema#tradeFairSchema" } },
  {
    file: "_app.trainings.$trainingId._index.tsx", url: "/trainings/:trainingId", loader: { access: S },
    action: {
      access: S,
      intents: {
        register: { access: S, ...own, schema: "trainings/training.schema#registerSchema" },
        cancel: { access: S, ...own, notes: "the registration's contact" },
        "add-session": { access: S, schema: "trainings/training.schema#sessionSchema" },
        certificates: { access: S },
      },
    },
  },
  { file: "_app.trainings.$trainingId.attendance[.]csv.tsx", url: "/trainings/:trainingId/attendance.csv", loader: { access: S }, action: null },
  {
    file: "_app.trainings.$trainingId.sessions.$sessionId.attendance.tsx", url: "/trainings/:trainingId/sessions/:sessionId/attendance", loader: { access: S },
    action: { access: S, schema: "trainings/training.schema#attendanceSchema", notes: "any member of staff takes attendance" },
  },
  { file: "_app.trainings._index.tsx", url: "/trainings", loader: { access: S }, action: null },
  { file: "_app.trainings.new.tsx", url: "/trainings/new", loader: { access: S }, action: { access: S, schema: "trainings/training.schema#trainingSchema" } },
  { file: "_app.tsx", url: "/", layout: true, loader: { access: S, notes: "layout of every page in the app shell" }, action: null },
  {
    file: "_auth.change-password.tsx", url: "/change-password",
    loader: { access: S, ownership: "self", notes: "also while a new password is due" },
    action: { access: S, ownership: "self", schema: "staff/staff.schema#changePasswordSchema", notes: "needs the current password" },
  },
  {
    file: "_auth.forgot-password.tsx", url: "/forgot-password", loader: { access: "anonymous-only" },
    action: { access: "anonymous-only", schema: "staff/staff.schema#forgotPasswordSchema", notes: "the same answer whether or not the address has an account" },
  },
  {
    file: "_auth.login.tsx", url: "/login", loader: { access: "anonymous-only" },
    action: { access: "anonymous-only", schema: "staff/staff.schema#signInSchema", notes: "rate limited per IP; lock-out after failed attempts" },
  },
  {
    file: "_auth.login_.two-factor.tsx", url: "/login/two-factor",
    loader: { access: S, ownership: "self", notes: "a session waiting for its second factor; a finished sign-in is sent on" },
    action: { access: S, ownership: "self", schema: "staff/two-factor.schema#secondFactorSchema" },
  },
  {
    file: "_auth.profile.two-factor.tsx", url: "/profile/two-factor", loader: { access: S, ownership: "self", notes: "reachable before a required set-up is done" },
    action: {
      access: S,
      ownership: "self",
      intents: {
        start: { access: S, ownership: "self" },
        confirm: { access: S, ownership: "self", schema: "staff/two-factor.schema#twoFactorCodeSchema" },
        renew: { access: S, ownership: "self", schema: "staff/two-factor.schema#twoFactorCodeSchema" },
        disable: { access: S, ownership: "self", schema: "staff/two-factor.schema#twoFactorCodeSchema", notes: "refused while the role requires it" },
      },
    },
  },
  {
    file: "_auth.reset-password.tsx", url: "/reset-password", loader: { access: "anonymous-only" },
    action: { access: "anonymous-only", schema: "staff/staff.schema#resetPasswordSchema", notes: "the token is single-use and short-lived" },
  },
  { file: "_auth.tsx", url: "/", layout: true, loader: null, action: null, notes: "layout of the sign-in pages; no loader" },
  { file: "invoices.$invoiceId.print.tsx", url: "/invoices/:invoiceId/print", loader: { access: S }, action: null },
  {
    file: "logout.tsx", url: "/logout", loader: { access: "public", notes: "only redirects" },
    action: { access: "public", ownership: "self", notes: "ends only the caller's own session, in whatever state it is" },
  },
  { file: "quotes.$quoteId.print.tsx", url: "/quotes/:quoteId/print", loader: { access: S }, action: null },
  { file: "staff.$staffId.photo.tsx", url: "/staff/:staffId/photo", loader: { access: S, notes: "colleagues' photos; served with nosniff" }, action: null },
];

/** The intents an action knows, or [null] for an action without intents. */
export function actionIntents(action: ActionRule): (string | null)[] {
  return action.intents ? Object.keys(action.intents) : [null];
}

/** The rule for one intent (or the action's own rule). */
export function intentRule(action: ActionRule, intent: string | null): Rule {
  return intent && action.intents ? action.intents[intent] : action;
}
