package com.journeycoach.statistics;

import com.journeycoach.system.CurrentUser;
import com.journeycoach.system.Groups;
import io.swagger.v3.oas.annotations.Operation;
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
  public record ChangeRequest(@NotBlank @Size(max = 64) String value, @NotBlank @Size(max = 500) String reason) {
  }

  private final Thresholds thresholds;
  private final CurrentUser currentUser;

  public ThresholdController(Thresholds thresholds, CurrentUser currentUser) {
    this.thresholds = thresholds;
    this.currentUser = currentUser;
  }

  @GetMapping
  @Operation(summary = "List every threshold")
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
      + " use the new value")
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
