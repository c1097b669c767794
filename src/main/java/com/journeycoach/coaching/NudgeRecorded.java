package com.journeycoach.coaching;

/** Published in the transaction that stores a nudge; notification delivers it. */
public record NudgeRecorded(Nudge nudge) {
}
