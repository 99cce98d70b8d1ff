/** Input limits shared by the API's schemas and the web app's forms. */
export const LIMITS = {
  emailMax: 254,
  passwordMin: 10,
  passwordMax: 200,
  displayNameMax: 80,
  handleMin: 3,
  handleMax: 30,
  bioMax: 2_000,
  tokenNameMax: 80,
  searchMax: 200,
  pageSizeDefault: 20,
  pageSizeMax: 100,
  jsonBodyBytes: 1_048_576,
  /** Arrays and objects inside one another in a JSON body; no form of the API needs a tenth of it. */
  jsonDepthMax: 32,
} as const;
