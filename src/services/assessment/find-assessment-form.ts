// A programme's assessment form: its preset's (`forms.assessment`), else 渝北's 附件1 with its four boxes.
import type { Db } from "../../infra/db.js";
import type { AssessmentForm } from "../../domain/assessment.js";
import type { ProgrammeRules } from "../../domain/programme.js";
import { FORMS } from "../../forms/layout.js";
import { findProgrammeRules } from "../programme/find-programme-rules.js";

export const assessmentFormOf = (rules: ProgrammeRules | undefined): AssessmentForm => rules?.forms?.assessment ?? FORMS.assessment.defaultForm;

export async function findAssessmentForm(db: Db, programmeId: number): Promise<AssessmentForm> {
  return assessmentFormOf(await findProgrammeRules(db, { id: programmeId }));
}
