/**
 * The id patterns a path or query parameter is checked against. Request bodies are declared with
 * zod in workflows/<kind>/requests.ts (from the same patterns) and parsed by parseBody.
 */
export { CHILD_ID, STAFF_ID, TEAM_ID } from '../workflows/case-kernel/request-fields';
