// A form posting's dates as local days (null when the roster left them open).
import { fromDbDate } from "../infra/time.js";

export const postingStart = (p: { startDate: Date | null }) => (p.startDate ? fromDbDate(p.startDate) : null);
export const postingEnd = (p: { endDate: Date | null }) => (p.endDate ? fromDbDate(p.endDate) : null);
