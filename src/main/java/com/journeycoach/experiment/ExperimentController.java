package com.journeycoach.experiment;

import com.journeycoach.content.Phase;
import com.journeycoach.system.CurrentUser;
import com.journeycoach.system.Groups;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/experiments")
@Tag(name = "Experiments", description = "The next asset chosen by Thompson sampling per segment, within the catalog's rules")
public class ExperimentController {

  /** A process owner's experiment. */
  public record NewExperiment(
      @NotBlank @Size(max = 200) String name,
      @Schema(description = "The phase whose next asset is chosen; only PROSPECT_DEVELOPMENT has that decision", example = "PROSPECT_DEVELOPMENT")
      Phase phase,
      @Schema(description = "Asset ids, 2 to 12, active, of the phase, none requiring another", example = "[\"verdant-story\", \"cwm-explained\"]")
      List<@Size(max = 64) String> arms,
      @Schema(description = "The prospect attributes the segments are made of", example = "[\"AUDIENCE\"]")
      List<SegmentAttribute> segmentBy,
      @Schema(description = "A faster reward that counts while the journey is open (optional)")
      Experiment.Proxy proxy) {
  }

  /** The winner to roll out; without one, the arm most probably best over all segments. */
  public record RollOut(@Size(max = 64) String assetId) {
  }

  private final Experiments experiments;
  private final CurrentUser currentUser;

  public ExperimentController(Experiments experiments, CurrentUser currentUser) {
    this.experiments = experiments;
    this.currentUser = currentUser;
  }

  @GetMapping
  @Operation(summary = "Every experiment, newest first")
  public List<Experiment> list() {
    requireProcessOwner();
    return experiments.all();
  }

  @PostMapping
  @ResponseStatus(HttpStatus.CREATED)
  @Operation(summary = "Define an experiment (a draft until started)", description = "Refused with 400 naming each problem: an unknown,"
      + " inactive or other-phase asset, an arm that requires another arm (it could never be tried before it), no segment"
      + " attribute, or arms that another experiment not yet ended already holds in the same phase.")
  public Experiment create(@Valid @RequestBody NewExperiment request) {
    requireProcessOwner();
    return experiments.create(new Experiments.Definition(request.name(), request.phase(), request.arms(), request.segmentBy(),
        request.proxy()), currentUser.id());
  }

  @GetMapping("/{id}")
  @Operation(summary = "One experiment")
  public Experiment get(@PathVariable String id) {
    requireProcessOwner();
    return experiments.get(id);
  }

  @PostMapping("/{id}/start")
  @Operation(summary = "Start a draft, or resume a paused experiment")
  public Experiment start(@PathVariable String id) {
    requireProcessOwner();
    return experiments.start(id, currentUser.id());
  }

  @PostMapping("/{id}/pause")
  @Operation(summary = "Pause: the default sequence decides until it is started again")
  public Experiment pause(@PathVariable String id) {
    requireProcessOwner();
    return experiments.pause(id, currentUser.id());
  }

  @PostMapping("/{id}/stop")
  @Operation(summary = "End the experiment without changing the default sequence")
  public Experiment stop(@PathVariable String id) {
    requireProcessOwner();
    return experiments.stop(id, currentUser.id());
  }

  @PostMapping("/{id}/roll-out")
  @Operation(summary = "End the experiment and put its winner first among the arms in the default sequence")
  public Experiment rollOut(@PathVariable String id, @Valid @RequestBody(required = false) RollOut request) {
    requireProcessOwner();
    return experiments.rollOut(id, request == null ? null : request.assetId(), currentUser.id());
  }

  @GetMapping("/{id}/history")
  @Operation(summary = "Who changed what, oldest first")
  public List<Experiments.Change> history(@PathVariable String id) {
    requireProcessOwner();
    return experiments.history(id);
  }

  @GetMapping("/{id}/arms")
  @Operation(summary = "Per arm and segment: suggestions, overrides, rewards, posterior, probability of being best, expected lift over the default")
  public ExperimentReport arms(@PathVariable String id) {
    requireProcessOwner();
    return experiments.report(id);
  }

  private void requireProcessOwner() {
    currentUser.require(Groups.PROCESS_OWNERS, Groups.ADMINS);
  }
}
