import { z } from "zod";
import { ZId, ZRequestId } from "./ids.ts";

export const ZRoundJoin = z.strictObject({ roundId: ZId });
export const ZRoundLeave = ZRoundJoin;
export const ZSeatHold = z.strictObject({ roundId: ZId, seatId: ZId.optional(), requestId: ZRequestId.optional() });
export const ZSeatConfirm = z.strictObject({ roundId: ZId, seatId: ZId, requestId: ZRequestId.optional() });
export const ZSeatRelease = z.strictObject({ roundId: ZId, seatId: ZId });
export const ZTimeSync = z.strictObject({});
export const ZWaitlistJoin = z.strictObject({ roundId: ZId });
export const ZWaitlistLeave = ZWaitlistJoin;

export type TRoundJoin = z.infer<typeof ZRoundJoin>;
export type TRoundLeave = z.infer<typeof ZRoundLeave>;
export type TSeatHold = z.infer<typeof ZSeatHold>;
export type TSeatConfirm = z.infer<typeof ZSeatConfirm>;
export type TSeatRelease = z.infer<typeof ZSeatRelease>;
export type TTimeSync = z.infer<typeof ZTimeSync>;
export type TWaitlistJoin = z.infer<typeof ZWaitlistJoin>;
export type TWaitlistLeave = z.infer<typeof ZWaitlistLeave>;
