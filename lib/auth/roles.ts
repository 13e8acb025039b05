// The application roles, as app roles in Entra ID and the `roles` claim of access tokens.

export const ROLES = ['Analyst', 'Triager', 'Manager'] as const;
export type Role = (typeof ROLES)[number];
