package com.journeycoach.settings;

import com.journeycoach.system.CurrentUser;
import com.journeycoach.system.Groups;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/thresholds")
@Tag(name = "Thresholds", description = "Named numbers and paces that rules and timers read")
public class ThresholdController {

  /** A manager's change of a threshold; the reason goes to its history. */
  public record ChangeRequest(
      @Schema(description = "The new value, written as the threshold's measure asks (a number, or an ISO-8601 duration such as"
          + " PT36H for a pace) and within its minimum and maximum, both inclusive (GET shows them); else 400 naming the bound",
          example = "PT36H")
      @NotBlank @Size(max = 64) String value,
      @NotBlank @Size(max = 500) String reason) {
  }

  private final Thresholds thresholds;
  private final CurrentUser currentUser;

  public ThresholdController(Thresholds thresholds, CurrentUser currentUser) {
    this.thresholds = thresholds;
    this.currentUser = currentUser;
  }

  @GetMapping
  @Operation(summary = "List every threshold, with its measure and bounds")
  public List<Threshold> list() {
    currentUser.require(Groups.MANAGERS, Groups.PROCESS_OWNERS, Groups.ADMINS);
    return thresholds.all();
  }

  @GetMapping("/{name}")
  @Operation(summary = "Read one threshold")
  public Threshold get(@PathVariable String name) {
    currentUser.require(Groups.MANAGERS, Groups.PROCESS_OWNERS, Groups.ADMINS);
    return thresholds.get(name);
  }

  @PutMapping("/{name}")
  @Operation(summary = "Change a threshold (managers; process owners, who author the coaching rules); later decisions and timers"
      + " use the new value", description = "The value must be of the threshold's measure and within its bounds: hours of the day"
      + " 0 to 24 (the send window's start before its end), counts, days and hours whole and from 0, fractions 0 to 1, percentages"
      + " 0 to 100, paces ISO-8601 durations of days and time from PT1H to P730D; each threshold's own minimum and maximum are in"
      + " GET and docs/configuration.md. A value outside them is refused with 400 naming the bound, and nothing changes.")
  public Threshold change(@PathVariable String name, @Valid @RequestBody ChangeRequest change) {
    currentUser.require(Groups.MANAGERS, Groups.PROCESS_OWNERS, Groups.ADMINS);
    return thresholds.change(name, change.value(), change.reason(), currentUser.id());
  }

  @GetMapping("/{name}/history")
  @Operation(summary = "The changes of one threshold, oldest first")
  public List<ThresholdChange> history(@PathVariable String name) {
    currentUser.require(Groups.MANAGERS, Groups.PROCESS_OWNERS, Groups.ADMINS);
    return thresholds.history(name);
  }
}
