export const findingSealContext = (id: string) => `scrutiny-finding:${id}`;
