// The assessment (考核鉴定表, 渝北 附件1) as a workflow: the doctor's own summary, then the four parties'
// opinions and signatures, in the document's order.
export const SIGN_STEPS = ["clinic", "recipient_bureau", "supporting", "supporting_bureau"] as const;
export type SignStep = (typeof SIGN_STEPS)[number];

/** The opinions a party gives by tapping its card. */
export const OPINIONS = ["pass", "basic", "fail"] as const;
export type Opinion = (typeof OPINIONS)[number];

export type Signoff = { by: string; byId: number; opinion: Opinion; at: string };
export type Signoffs = Partial<Record<SignStep, Signoff>>;

/** The party whose signature is due next, or undefined once all four have signed. */
export const nextStep = (signoffs: Signoffs): SignStep | undefined => SIGN_STEPS.find((s) => !signoffs[s]);
