package com.journeycoach.people;

/** How a person likes to work (seed 001): pairing tips depend on it. */
public enum Personality { INTROVERT, EXTROVERT, UNKNOWN }
