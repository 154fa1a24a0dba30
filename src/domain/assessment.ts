// The assessment as a workflow: the doctor's own summary, then each box of the programme's form signed
// by its party, in the form's order, with an opinion from the form's own scale. 渝北's 附件1 has four
// boxes (受援乡镇卫生院, 受援区县, 派出单位, 派出区县); 中站's 考核登记表 and 盐池's 工作鉴定表 have their own.
import { z } from "zod";

/** Every party that can sign a box; a form uses some of them, in its order. */
export const SIGN_STEPS = ["clinic", "recipient_bureau", "supporting", "supporting_bureau"] as const;
export type SignStep = (typeof SIGN_STEPS)[number];

/** The opinions a form may offer (优秀 only where the form prints it). */
export const OPINIONS = ["excellent", "pass", "basic", "fail"] as const;
export type Opinion = (typeof OPINIONS)[number];

export const ASSESSMENT_LAYOUTS = ["annex1", "register", "appraisal"] as const;

/** A programme's assessment form, as its preset carries it (`forms.assessment`). */
export const AssessmentFormSchema = z.object({
  /** 附件1 考核鉴定表 (渝北), 考核登记表 (中站), 工作鉴定表 with 附件4's scoring (盐池). */
  layout: z.enum(ASSESSMENT_LAYOUTS),
  /** What the form is called where a person reads it: 考核鉴定表, 考核登记表, 工作鉴定表. */
  name: z.string().min(1),
  /** Each signature box: who signs it (`signer`), who that is in the document's words, the box's label. */
  boxes: z.array(z.object({ signer: z.enum(SIGN_STEPS), party: z.string().min(1), label: z.string().min(1) })).min(1)
    .refine((b) => new Set(b.map((x) => x.signer)).size === b.length, { message: "a party signs one box" }),
  opinions: z.array(z.enum(OPINIONS)).min(2),
  /** Whether the printed box carries the scale to tick (□优秀 □合格 …); 渝北's 附件1 prints only 年月日. */
  scalePrinted: z.boolean().optional(),
  /** 附件4's items and points, scored by hand on the printed form. */
  scoring: z.array(z.object({ item: z.string().min(1), points: z.number().positive() })).optional(),
}).strict();
export type AssessmentForm = z.infer<typeof AssessmentFormSchema>;

export type Signoff = { by: string; byId: number; opinion: Opinion; at: string };
export type Signoffs = Partial<Record<SignStep, Signoff>>;

/** The party whose signature is due next on this form, or undefined once every box is signed. */
export const nextStep = (form: Pick<AssessmentForm, "boxes">, signoffs: Signoffs): SignStep | undefined =>
  form.boxes.map((b) => b.signer).find((s) => !signoffs[s]);

/** Who signs a box, in the form's own words (受援社区卫生服务中心, 县卫生健康局). */
export const partyOf = (form: Pick<AssessmentForm, "boxes">, step: SignStep): string => form.boxes.find((b) => b.signer === step)?.party ?? step;

export const offersOpinion = (form: Pick<AssessmentForm, "opinions">, key: string): key is Opinion => (form.opinions as string[]).includes(key);
