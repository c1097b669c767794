package com.journeycoach.people;

import com.journeycoach.people.Audience;
import com.journeycoach.system.CurrentUser;
import com.journeycoach.system.ForbiddenException;
import com.journeycoach.system.Groups;
import com.journeycoach.system.NotFoundException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/prospects")
@Tag(name = "Prospects", description = "Add prospects; each gets a prospect-development journey")
class ProspectController {

  /** A new prospect. A distributor adds their own; a manager names the distributor. */
  record ProspectRequest(@Size(max = 64) String distributorId, @NotBlank @Size(max = 100) String firstName,
                         @Size(max = 100) String lastName, @Email @Size(max = 254) String email, @Size(max = 30) String phone,
                         Audience audience, Personality personality) {
  }

  private final Prospects prospects;
  private final CurrentUser currentUser;
  private final JourneyPositions journeyPositions;

  ProspectController(Prospects prospects, CurrentUser currentUser, JourneyPositions journeyPositions) {
    this.prospects = prospects;
    this.currentUser = currentUser;
    this.journeyPositions = journeyPositions;
  }

  @PostMapping
  @ResponseStatus(HttpStatus.CREATED)
  @Operation(summary = "Add a prospect and start their journey (business key: the prospect's id)")
  Prospect add(@Valid @RequestBody ProspectRequest request) {
    String distributorId = request.distributorId() == null ? currentUser.id() : request.distributorId();
    boolean forThemselves = distributorId.equals(currentUser.id()) && currentUser.isIn(Groups.DISTRIBUTORS);
    if (!forThemselves && !currentUser.isIn(Groups.MANAGERS, Groups.ADMINS)) {
      throw new ForbiddenException("A distributor adds prospects for themselves only");
    }
    return prospects.add(new Prospects.NewProspect(distributorId, request.firstName(), request.lastName(), request.email(),
        request.phone(), request.audience(), request.personality()));
  }

  @GetMapping
  @Operation(summary = "List prospects, each with where its journey stands: a distributor's own, or for managers a given"
      + " distributor's (every distributor's with open=true)",
      description = "journey: step (share, view, follow-up, meeting, nurture), since, due and the open task's id and name; null"
          + " for a prospect whose journey ended. open=true lists only the open prospects (active or in nurture), what falls"
          + " due first at the top: the distributor's pipeline.")
  List<JourneyPositions.Positioned> list(@RequestParam(required = false) String distributorId,
                            @RequestParam(defaultValue = "false") boolean open) {
    boolean manager = currentUser.isIn(Groups.MANAGERS, Groups.ADMINS);
    String of = distributorId == null ? currentUser.id() : distributorId;
    if (!of.equals(currentUser.id()) && !manager) {
      throw new ForbiddenException("A distributor lists their own prospects only");
    }
    if (!open) {
      return journeyPositions.positioned(prospects.ofDistributor(of));
    }
    return journeyPositions.pipeline(manager && distributorId == null ? prospects.open() : prospects.openOfDistributor(of));
  }

  @GetMapping("/{id}")
  @Operation(summary = "Read a prospect (their distributor or a manager)")
  Prospect get(@PathVariable String id) {
    Prospect prospect = prospects.get(id);
    if (!prospect.distributorId().equals(currentUser.id()) && !currentUser.isIn(Groups.MANAGERS, Groups.ADMINS)) {
      throw new NotFoundException("No prospect '" + id + "'");
    }
    return prospect;
  }
}
