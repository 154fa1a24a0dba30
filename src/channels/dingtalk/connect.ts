// The Stream connection wired to the channel: robot messages and card taps land like HTTP callbacks do.
import { acceptCardTap, acceptRobotMessage, type DingtalkDeps } from "./adapter.js";
import { startStream, TOPIC_CARD, TOPIC_ROBOT, type StreamClient } from "./stream.js";

export type StreamSettings = { base: string; clientId: string; clientSecret: string; watchdogMs: number };

export function connectStream(deps: DingtalkDeps, settings: StreamSettings): StreamClient {
  return startStream({
    ...settings,
    log: deps.log.child({ component: "stream" }),
    onCallback: async (topic, data) => {
      if (topic === TOPIC_ROBOT) await acceptRobotMessage(deps, data);
      else if (topic === TOPIC_CARD) await acceptCardTap(deps, data);
      else deps.log.warn({ topic }, "stream callback on a topic we did not subscribe to");
    },
  });
}
