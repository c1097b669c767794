package com.journeycoach.coaching;

/** Fact: a threshold by name; durations come in hours, so rules compare numbers only. */
public record ThresholdValue(String name, double value) {
}
