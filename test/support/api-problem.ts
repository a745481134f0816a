/** An API refusal as problem+json: the status, a code for the program, the detail and the fields (a file's line). */
export type Problem = {
  status: number;
  code?: string;
  detail: string;
  errors?: { field: string; message: string; line?: number }[];
};

/** The problem+json body of a refused API request. */
export const problem = (res: { text: string }) => JSON.parse(res.text) as Problem;

/** The header of an API request made with a Bearer token (`ctx.apiToken(user)`). */
export const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });

/** Expects an API refusal: its status, the problem's code and the one field it names. */
export function expectRefusal(res: { status: number; text: string }, status: number, code: string, field: string) {
  expect(res.status).toBe(status);
  expect(problem(res)).toMatchObject({ code, errors: [expect.objectContaining({ field })] });
}
