package com.journeycoach.experiment;

import com.journeycoach.people.Personality;
import com.journeycoach.people.Prospect;

/** A prospect's attribute an experiment's segments are made of. */
public enum SegmentAttribute {
  AUDIENCE, PERSONALITY;

  String valueOf(Prospect prospect) {
    return switch (this) {
      case AUDIENCE -> prospect.audience().name();
      case PERSONALITY -> (prospect.personality() == null ? Personality.UNKNOWN : prospect.personality()).name();
    };
  }
}
