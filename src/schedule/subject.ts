// A reminder's subject names what it is about: "posting:12:person:3".
/** "posting:12:person:3" → 12 */
export const idIn = (subject: string, name: string): number => Number(new RegExp(`(?:^|:)${name}:(\\d+)`).exec(subject)?.[1]);
