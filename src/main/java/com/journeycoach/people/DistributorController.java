package com.journeycoach.people;

import com.journeycoach.system.CurrentUser;
import com.journeycoach.system.Groups;
import com.journeycoach.system.NotFoundException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.Set;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/distributors")
@Tag(name = "Distributors", description = "Register distributors; each is a Camunda user in the group distributors")
class DistributorController {

  /** Registration by a manager. The password is the distributor's first Tasklist password (Camunda's policy applies). */
  record RegistrationRequest(
      @NotBlank @Size(max = 64) @Pattern(regexp = "[a-zA-Z0-9_.@-]+", message = "letters, digits and _ . @ - only") String id,
      @NotBlank @Size(max = 100) String firstName,
      @NotBlank @Size(max = 100) String lastName,
      @NotBlank @Email @Size(max = 254) String email,
      @Size(max = 30) String phone,
      @Size(max = 64) String timeZone,
      @Size(max = 64) String sponsorId,
      boolean experienced,
      Personality personality,
      Set<@NotBlank @Size(max = 64) String> trainedProducts,
      @Pattern(regexp = "SMS|EMAIL", message = "SMS or EMAIL") String preferredChannel,
      @NotBlank @Size(max = 128) String password) {
  }

  private final Distributors distributors;
  private final CurrentUser currentUser;

  DistributorController(Distributors distributors, CurrentUser currentUser) {
    this.distributors = distributors;
    this.currentUser = currentUser;
  }

  @PostMapping
  @ResponseStatus(HttpStatus.CREATED)
  @Operation(summary = "Register a distributor (managers); the phone number is checked and stored in E.164")
  Distributor register(@Valid @RequestBody RegistrationRequest request) {
    currentUser.require(Groups.MANAGERS, Groups.ADMINS);
    return distributors.register(new Distributors.Registration(request.id(), request.firstName(), request.lastName(),
        request.email(), request.phone(), request.timeZone(), request.sponsorId(), request.experienced(), request.personality(),
        request.trainedProducts(), request.preferredChannel(), request.password()));
  }

  @GetMapping("/{id}")
  @Operation(summary = "Read a distributor: themselves, their sponsor, or a manager")
  Distributor get(@PathVariable String id) {
    Distributor distributor = distributors.get(id);
    boolean allowed = currentUser.id().equals(id) || currentUser.id().equals(distributor.sponsorId())
        || currentUser.isIn(Groups.MANAGERS, Groups.ADMINS);
    if (!allowed) {
      throw new NotFoundException("No distributor '" + id + "'");
    }
    return distributor;
  }
}
