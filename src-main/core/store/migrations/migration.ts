export interface Migration {
  /** Applied in ascending order; the database's `user_version` is the last applied. */
  version: number;
  name: string;
  sql: string;
}
