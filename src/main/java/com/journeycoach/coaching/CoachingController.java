package com.journeycoach.coaching;

import com.journeycoach.people.Distributors;
import com.journeycoach.people.Prospects;
import com.journeycoach.system.CurrentUser;
import com.journeycoach.system.ForbiddenException;
import com.journeycoach.system.Groups;
import com.journeycoach.system.InvalidInputException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Tag(name = "Coaching", description = "Nudges with the rule that made them; the rule book")
class CoachingController {

  private final Nudges nudges;
  private final RuleBook ruleBook;
  private final RuleVersions ruleVersions;
  private final CurrentUser currentUser;
  private final Distributors distributors;
  private final Prospects prospects;
  private final MessageKeys messageKeys;

  CoachingController(Nudges nudges, RuleBook ruleBook, CurrentUser currentUser, Distributors distributors, Prospects prospects,
                     MessageKeys messageKeys, RuleVersions ruleVersions) {
    this.ruleVersions = ruleVersions;
    this.prospects = prospects;
    this.messageKeys = messageKeys;
    this.nudges = nudges;
    this.ruleBook = ruleBook;
    this.currentUser = currentUser;
    this.distributors = distributors;
  }

  @GetMapping("/api/nudges")
  @Operation(summary = "My nudges, newest first, each with the rule that made it (reason); a manager's include those to the"
      + " managers; managers may ask for anyone's")
  List<Nudge> nudges(@RequestParam(required = false) String recipientId) {
    if (recipientId == null && currentUser.isIn(Groups.MANAGERS)) {
      // the rules tell "the manager" by addressing the group: every manager reads those with their own
      return nudges.ofRecipients(List.of(currentUser.id(), Groups.MANAGERS));
    }
    String of = recipientId == null ? currentUser.id() : recipientId;
    if (!of.equals(currentUser.id()) && !currentUser.isIn(Groups.MANAGERS, Groups.ADMINS)) {
      throw new ForbiddenException("A distributor lists their own nudges only");
    }
    return nudges.ofRecipient(of);
  }

  /** A manager's own nudge to a distributor or sponsor, delivered like a reminder. */
  record ManualNudge(@NotBlank @Size(max = 64) String recipientId, @Size(max = 36) String prospectId,
                     @NotBlank @Size(max = 100) @Pattern(regexp = "coaching\\.[a-z0-9.-]+", message = "a coaching.* message key")
                     String messageKey) {
  }

  @PostMapping("/api/nudges")
  @ResponseStatus(HttpStatus.CREATED)
  @Operation(summary = "Send a coaching nudge to a distributor yourself (managers); it is delivered by SMS or email like a reminder")
  Nudge send(@Valid @RequestBody ManualNudge request) {
    currentUser.require(Groups.MANAGERS, Groups.ADMINS);
    distributors.get(request.recipientId());
    List<String> errors = new java.util.ArrayList<>();
    if (!messageKeys.hasText(request.messageKey())) {
      errors.add("messageKey: no message '" + request.messageKey() + "'");
    }
    if (request.prospectId() != null
        && prospects.find(request.prospectId()).filter(p -> p.distributorId().equals(request.recipientId())).isEmpty()) {
      errors.add("prospectId: not a prospect of " + request.recipientId());
    }
    if (!errors.isEmpty()) {
      throw new InvalidInputException("The nudge names what is not there", errors);
    }
    return nudges.record(request.recipientId(), Nudge.Audience.DISTRIBUTOR, "MANUAL", request.prospectId(), null,
        request.messageKey(), 1, "sent by " + currentUser.id());
  }

  @GetMapping("/api/rules")
  @Operation(summary = "The rule files now running, and the stored rules version they are (0 before the first reload)")
  Map<String, Object> rules() {
    currentUser.require(Groups.PROCESS_OWNERS, Groups.MANAGERS, Groups.ADMINS);
    RuleBook.Loaded loaded = ruleBook.current();
    return Map.of("files", loaded.files().keySet(), "version", loaded.version(), "storedVersion", ruleVersions.running());
  }

  @PostMapping("/api/rules/reload")
  @Operation(summary = "Compile the rules folder again, swap it in and store it as the version every node runs; on errors the running rules stay and the errors are listed")
  Map<String, Object> reload() {
    currentUser.require(Groups.PROCESS_OWNERS, Groups.ADMINS);
    try {
      RuleBook.Loaded loaded = ruleBook.reload(currentUser.id());
      return Map.of("files", loaded.files().keySet(), "version", loaded.version(), "storedVersion", ruleVersions.running());
    } catch (RuleCompilationException e) {
      throw new InvalidInputException("The rules do not compile; the running rules stay in use", e.errors());
    }
  }
}
