package com.journeycoach.content;

import com.journeycoach.people.Audience;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import com.journeycoach.settings.Durations;
import java.util.ArrayList;
import java.util.List;

/**
 * A piece of content and what the system must know about it (DESIGN.md): subject, keywords,
 * themes, who appears on screen, phase, position in the default sequence, prerequisites,
 * expected outcome and call to action, expected pace, and the audiences it may be tried with; and
 * the product it is about, if any, so interest in it can point a distributor to that product's training.
 * A draft may lack metadata; {@link #missingForActivation()} says what an active one needs.
 */
public record Asset(
    @NotBlank @Size(max = 64) @Pattern(regexp = "[a-z0-9]+(-[a-z0-9]+)*", message = "must be lower-case words joined by hyphens") String id,
    @NotBlank @Size(max = 200) String title,
    @NotNull AssetType type,
    @Size(max = 1000) String url,
    @Size(max = 500) String subject,
    List<@NotBlank String> keywords,
    List<@NotBlank String> themes,
    @Size(max = 200) String presenter,
    @Size(max = 20) String presenterGender,
    @Size(max = 20) String presenterAgeBand,
    Phase phase,
    @Min(value = 1, message = "must be 1 or more") Integer sequencePosition,
    @Size(max = 500) String expectedOutcome,
    @Size(max = 500) String callToAction,
    @Size(max = 32) String expectedPace,
    List<Audience> audiences,
    @Size(max = 64) @Pattern(regexp = "[A-Z0-9_]+", message = "must be an upper-case product code such as CWM") String product,
    List<@NotBlank String> prerequisites,
    AssetStatus status) {

  public Asset {
    keywords = keywords == null ? List.of() : List.copyOf(keywords);
    themes = themes == null ? List.of() : List.copyOf(themes);
    audiences = audiences == null ? List.of() : List.copyOf(audiences);
    prerequisites = prerequisites == null ? List.of() : List.copyOf(prerequisites);
    status = status == null ? AssetStatus.DRAFT : status;
  }

  public Asset withStatus(AssetStatus newStatus) {
    return new Asset(id, title, type, url, subject, keywords, themes, presenter, presenterGender, presenterAgeBand, phase,
        sequencePosition, expectedOutcome, callToAction, expectedPace, audiences, product, prerequisites, newStatus);
  }

  /** The same asset with these prerequisites. */
  public Asset withPrerequisites(List<String> newPrerequisites) {
    return new Asset(id, title, type, url, subject, keywords, themes, presenter, presenterGender, presenterAgeBand, phase,
        sequencePosition, expectedOutcome, callToAction, expectedPace, audiences, product, newPrerequisites, status);
  }

  /** The same asset at another position in the default sequence. */
  public Asset withSequencePosition(Integer newPosition) {
    return new Asset(id, title, type, url, subject, keywords, themes, presenter, presenterGender, presenterAgeBand, phase,
        newPosition, expectedOutcome, callToAction, expectedPace, audiences, product, prerequisites, status);
  }

  public boolean allows(Audience audience) {
    return audiences.contains(audience);
  }

  /** The metadata an active asset must have, by field name; empty when it may be activated. */
  public List<String> missingForActivation() {
    List<String> missing = new ArrayList<>();
    if (blank(url)) {
      missing.add("url");
    } else if (!TrackedUrl.isAcceptable(url)) {
      missing.add("url (must be an absolute http or https address)");
    }
    if (blank(subject)) {
      missing.add("subject");
    }
    if (keywords.isEmpty()) {
      missing.add("keywords");
    }
    if (themes.isEmpty()) {
      missing.add("themes");
    }
    if (type != null && type.showsPresenter()) {
      if (blank(presenter)) {
        missing.add("presenter");
      }
      if (blank(presenterGender)) {
        missing.add("presenterGender");
      }
      if (blank(presenterAgeBand)) {
        missing.add("presenterAgeBand");
      }
    }
    if (phase == null) {
      missing.add("phase");
    }
    if (sequencePosition == null || sequencePosition < 1) {
      missing.add("sequencePosition");
    }
    if (blank(expectedOutcome)) {
      missing.add("expectedOutcome");
    }
    if (blank(callToAction)) {
      missing.add("callToAction");
    }
    if (blank(expectedPace)) {
      missing.add("expectedPace");
    } else if (!Durations.isPositive(expectedPace)) {
      missing.add("expectedPace (must be an ISO-8601 duration such as P2D)");
    }
    if (audiences.isEmpty()) {
      missing.add("audiences");
    }
    return missing;
  }

  private static boolean blank(String value) {
    return value == null || value.isBlank();
  }
}
