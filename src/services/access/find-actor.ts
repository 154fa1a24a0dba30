// A person on the roster as an Actor (a chat sender who writes something: a visit, a training record).
import type { Db } from "../../infra/db.js";
import { findConsolePerson } from "../sessions/find-console-person.js";
import { actorOfPerson, type Actor } from "./actor.js";

export async function findActor(db: Db, personId: number): Promise<Actor | undefined> {
  const person = await findConsolePerson(db, personId);
  return person && actorOfPerson(person);
}
