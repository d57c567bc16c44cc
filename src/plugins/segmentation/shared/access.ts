/** Admin users and API tokens with their card systems: what the server's access overview sends and the Partners page shows. */
export interface AdminUserRow {
  id: number;
  firstname: string | null;
  lastname: string | null;
  email: string;
  isActive: boolean;
  roles: { id: number; name: string; code: string }[];
}
export interface ApiTokenRow {
  id: number;
  name: string;
  type: string;
  description: string | null;
}
export type AccessUser = AdminUserRow & { administrator: boolean; cardSystems: string[] };
export type AccessToken = ApiTokenRow & { cardSystems: string[] };
