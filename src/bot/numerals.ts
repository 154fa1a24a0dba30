// Arabic and Chinese numerals as doctors type them: 3, 2.5, 三, 两, 十二, 二十五, 一百零五.
const DIGITS: Record<string, number> = { 零: 0, 〇: 0, 一: 1, 二: 2, 两: 2, 俩: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };
const UNITS: Record<string, number> = { 十: 10, 百: 100, 千: 1000 };

export const NUMBER_PATTERN = "(?:\\d{1,9}(?:\\.\\d{1,4})?|[零〇一二两俩三四五六七八九十百千万]{1,8})";

export function parseChineseNumeral(text: string): number | undefined {
  let total = 0;
  let section = 0;
  let digit: number | undefined;
  for (const ch of text) {
    if (ch in DIGITS) {
      digit = DIGITS[ch];
    } else if (ch in UNITS) {
      section += (digit ?? 1) * UNITS[ch];
      digit = undefined;
    } else if (ch === "万") {
      total = (total + section + (digit ?? 0)) * 10000;
      section = 0;
      digit = undefined;
    } else {
      return undefined;
    }
  }
  const value = total + section + (digit ?? 0);
  return text.length > 0 ? value : undefined;
}

export function parseNumber(text: string): number | undefined {
  if (/^\d/.test(text)) return Number(text);
  return parseChineseNumeral(text);
}
