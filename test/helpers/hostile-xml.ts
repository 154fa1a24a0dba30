// 64 KB bodies of the shapes that cost a naive XML reader most, for the reader's test and its bench line.
const MAX = 64 * 1024 - 64;
const fill = (head: string, unit: string, tail: string) => head + unit.repeat(Math.floor((MAX - head.length - tail.length) / unit.length)) + tail;

export const HOSTILE_XML: [string, string][] = [
  ["a run of CDATA sections in one element", fill("<xml><a>", "<![CDATA[x]]>", "</a></xml>")],
  ["CDATA sections in nested elements", fill("<xml><a>", "<b><![CDATA[x]]></b>", "</a></xml>")],
  ["unclosed nested tags", fill("<xml><a>", "<b>", "</a></xml>")],
  ["entities", fill("<xml><a>", "&amp;&#x4e2d;", "</a></xml>")],
  ["entities in Encrypt itself", fill("<xml><Encrypt>", "&amp;&#x4e2d;", "</Encrypt></xml>")],
  ["attributes", fill("<xml><a x='1'>", " y='2'", "</a></xml>")],
  ["CDATA closers without openers", fill("<xml><a>", "]]>", "</a></xml>")],
  ["CDATA openers, one closed at the end", fill("<xml><a><![CDATA[", "<![CDATA[", "]]></a></xml>")],
  ["many elements with CDATA", fill("<xml>", "<a><![CDATA[1]]></a>", "</xml>")],
  ["one long text", fill("<xml><Encrypt>", "x", "</Encrypt></xml>")],
];
export const XML_BODY_CHARS = MAX;
