package com.journeycoach.messaging;

import com.journeycoach.system.CurrentUser;
import com.journeycoach.system.Groups;
import com.journeycoach.system.InvalidInputException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import java.util.Locale;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Tag(name = "Messaging", description = "Suggested messages per asset, channel and language, their rates, and the phrases before rising interest")
public class MessagingController {

  /** Who writes the suggestions (process owners, as for forms and journeys) and who reads their rates. */
  private static final String[] WRITERS = {Groups.PROCESS_OWNERS, Groups.ADMINS};
  private static final String[] READERS = {Groups.PROCESS_OWNERS, Groups.MANAGERS, Groups.ADMINS};

  private final SuggestedMessages suggestions;
  private final PhraseReport phrases;
  private final CurrentUser currentUser;

  public MessagingController(SuggestedMessages suggestions, PhraseReport phrases, CurrentUser currentUser) {
    this.suggestions = suggestions;
    this.phrases = phrases;
    this.currentUser = currentUser;
  }

  @GetMapping("/api/assets/{assetId}/messages")
  @Operation(summary = "An asset's suggested messages with their view rate (within the view window) and conversion rate")
  public List<SuggestedMessages.Measured> list(@PathVariable String assetId) {
    currentUser.require(READERS);
    return suggestions.measured(assetId);
  }

  @PostMapping("/api/assets/{assetId}/messages")
  @ResponseStatus(HttpStatus.CREATED)
  @Operation(summary = "Add a suggested message: channel SMS or EMAIL, language, subject (email), text with {prospect},"
      + " {asset}, {link}, {distributor}")
  public SuggestedMessage add(@PathVariable String assetId, @RequestBody SuggestedMessages.Draft draft) {
    currentUser.require(WRITERS);
    return suggestions.add(assetId, draft, currentUser.id());
  }

  @PutMapping("/api/assets/{assetId}/messages/{id}")
  @Operation(summary = "Change a suggested message: a new one replaces it (the old one, retired, keeps its rates)")
  public SuggestedMessage change(@PathVariable String assetId, @PathVariable String id, @RequestBody SuggestedMessages.Draft draft) {
    currentUser.require(WRITERS);
    return suggestions.change(assetId, id, draft, currentUser.id());
  }

  @DeleteMapping("/api/assets/{assetId}/messages/{id}")
  @Operation(summary = "Retire a suggested message: no longer offered, its rates kept")
  public SuggestedMessage retire(@PathVariable String assetId, @PathVariable String id) {
    currentUser.require(WRITERS);
    return suggestions.retire(assetId, id, currentUser.id());
  }

  @PostMapping("/api/assets/{assetId}/messages/{id}/roll-out")
  @Operation(summary = "Roll out a winner: offered to everyone; the others of its asset, channel and language are retired")
  public SuggestedMessage rollOut(@PathVariable String assetId, @PathVariable String id) {
    currentUser.require(WRITERS);
    return suggestions.rollOut(assetId, id, currentUser.id());
  }

  @GetMapping("/api/assets/{assetId}/messages/{id}/preview")
  @Operation(summary = "A suggested message filled in with sample values: the text, the email's HTML, SMS encoding and segments")
  public SuggestedMessages.Preview preview(@PathVariable String assetId, @PathVariable String id) {
    currentUser.require(READERS);
    return suggestions.preview(assetId, id);
  }

  @GetMapping("/api/messaging/phrases")
  @Operation(summary = "The phrases of notes and messages before an outcome (INTEREST, INTENT, CONVERSION), per asset and"
      + " segment, with effect (log-odds ratio), z-score and support; managers only")
  public PhraseReport.Report phrases(@RequestParam(defaultValue = "INTEREST") String outcome,
                                     @RequestParam(required = false) String assetId,
                                     @RequestParam(required = false) String segment,
                                     @RequestParam(defaultValue = "ALL") String source,
                                     @RequestParam(defaultValue = "20") int limit) {
    currentUser.require(Groups.MANAGERS);
    return phrases.report(choice(PhraseReport.Outcome.class, "outcome", outcome), blankAsNull(assetId),
        segment == null || segment.isBlank() ? null : choice(com.journeycoach.people.Audience.class, "segment", segment).name(),
        choice(PhraseReport.Source.class, "source", source), limit);
  }

  private static <E extends Enum<E>> E choice(Class<E> type, String field, String value) {
    try {
      return Enum.valueOf(type, value.strip().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new InvalidInputException("Unknown " + field, List.of(field + ": must be one of "
          + String.join(", ", java.util.Arrays.stream(type.getEnumConstants()).map(Enum::name).toList())));
    }
  }

  private static String blankAsNull(String value) {
    return value == null || value.isBlank() ? null : value.strip();
  }
}
