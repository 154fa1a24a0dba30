// A tap that changes nothing, and why (the reason is kept on the stored message; the words in templates/cards.json).
import { replyOf, type Vars } from "../../../templates/render.js";
import { reject, type CommandResult } from "../../context.js";

export const card = replyOf("cards");

export const refuse = (reason: string, key = reason, vars?: Vars): CommandResult => reject(reason, card(key, vars));
