import { z } from "zod";

/** ?purposeId= of the mailing export; the delimiter comes from the contact export's schema. */
export const mailingQuerySchema = z.object({
  purposeId: z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER),
});
