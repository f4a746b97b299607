// Problem categories and applicant roles as the conversation collects them.
// The conversation content is the one source of the ids; categories are
// configurable, so the domain checks only their shape (UPPER_SNAKE_CASE, as
// stored in `tickets.category`).
import { z } from "zod";
import { DEFAULT_CATEGORIES, ROLE_IDS } from "../../content/index.ts";

export const DEFAULT_CATEGORY_IDS: readonly string[] = DEFAULT_CATEGORIES.map((c) => c.id);

export const CategoryIdSchema = z
  .string()
  .regex(
    /^[A-Z0-9_]{1,40}$/,
    "id kategori: huruf besar, angka dan _ / category id: upper-case letters, digits and _",
  );
export type CategoryId = z.infer<typeof CategoryIdSchema>;

export const USER_ROLES = ROLE_IDS;
export const UserRoleSchema = z.enum(USER_ROLES);
export type UserRole = z.infer<typeof UserRoleSchema>;
