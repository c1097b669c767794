package com.journeycoach.settings;

import java.time.Instant;

/** One entry of a threshold's history: who changed it, when, from what to what, and why. */
public record ThresholdChange(String name, String oldValue, String newValue, String reason, Instant changedAt, String changedBy) {
}
