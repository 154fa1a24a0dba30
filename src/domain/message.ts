// One message as every channel hands it to the bot: no platform types past this point.
import type { Platform } from "../infra/records.js";
import type { CardTap } from "../cards/card.js";

export type InboundMessage = {
  platform: Platform;
  msgId: string;
  senderId: string;
  text: string;
  payload?: unknown;
  receivedAt: Date;
  /** Set when the message is a tap on one of our cards. */
  tap?: CardTap;
  /** The text is what the platform recognised in a voice message: the answer quotes it, so a mis-hearing shows. */
  spoken?: boolean;
};
