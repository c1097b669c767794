package com.journeycoach.journey;

import com.journeycoach.system.InvalidInputException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * What a distributor may record from any open task of a prospect's journey, instead of the task's own answers
 * (the optional field {@code quickOutcome} of the forms {@code share-asset}, {@code follow-up} and
 * {@code meeting-outcome}). Each moves the journey as the matching touchpoint does; {@link JourneySteps} decides
 * which fit which task.
 */
public enum QuickOutcome {

  /** The distributor showed the asset in person: the prospect's view, as the share form's channel "in person". */
  VIEWED_IN_PERSON,
  /** The prospect said no: a LOST touchpoint, the journey ends as lost. */
  NOT_INTERESTED,
  /** The prospect bought already (elsewhere, or in the shop): a PURCHASED touchpoint, the journey ends as won. */
  ALREADY_BOUGHT,
  /** This asset does not suit the prospect: the share is marked skipped and the journey goes on with the next one. */
  SKIP_ASSET;

  /** The names a form submits, for error messages. */
  static final String NAMES = Arrays.stream(values()).map(Enum::name).collect(Collectors.joining(", "));

  /** The submitted value; empty when none (blank counts as none); a value that is none of these is refused naming the field. */
  static Optional<QuickOutcome> parse(Object submitted) {
    if (submitted == null || submitted.toString().isBlank()) {
      return Optional.empty();
    }
    String name = submitted.toString().strip().toUpperCase(Locale.ROOT);
    return Arrays.stream(values()).filter(outcome -> outcome.name().equals(name)).findFirst()
        .or(() -> {
          throw new InvalidInputException("The quick outcome must be one of " + NAMES,
              List.of(ProspectDevelopment.QUICK_OUTCOME + ": must be one of " + NAMES));
        });
  }

  /** Whether the outcome ends the journey (the prospect decided). */
  boolean closes() {
    return this == NOT_INTERESTED || this == ALREADY_BOUGHT;
  }
}
