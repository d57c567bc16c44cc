/** Shapes of evaluation results, shared by the server (engine) and the admin panel. */

/** One holder of a preview or export: the columns of the preview and export (docs/api.md). */
export interface Person {
  uid: string;
  firstName: string | null;
  lastName: string | null;
  email: string | null;
  phone: string | null;
}

/** A count: total, with e-mail/phone, what each include group selects and each exclude group removes. */
export interface Counts {
  total: number;
  withEmail: number;
  withPhone: number;
  groups: number[];
  excluded: number[];
}
