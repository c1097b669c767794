package com.journeycoach.people;

import static org.assertj.core.api.Assertions.assertThat;

import com.journeycoach.Http;
import com.journeycoach.JourneyCoachTest;
import static com.journeycoach.Problems.assertProblem;
import com.journeycoach.TestUsers;
import com.journeycoach.system.Groups;
import java.net.http.HttpResponse;
import org.camunda.bpm.engine.IdentityService;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

@JourneyCoachTest
class DistributorApiTest {

  static final String MANAGER = Http.basic("reg-manager", TestUsers.PASSWORD);

  @LocalServerPort
  int port;
  @Autowired
  IdentityService identity;
  @Autowired
  Distributors distributors;
  Http http;

  @BeforeEach
  void setUp() {
    http = new Http(port);
    TestUsers.ensure(identity, "reg-manager", Groups.MANAGERS);
    TestUsers.ensureDistributor(distributors, "reg-sponsor", null);
  }

  private String registration(String id, String phone, String password, String sponsorId) {
    return "{\"id\":\"" + id + "\",\"firstName\":\"Ria\",\"lastName\":\"Gomez\",\"email\":\"" + id + "@example.com\""
        + (phone == null ? "" : ",\"phone\":\"" + phone + "\"") + ",\"password\":\"" + password + "\""
        + (sponsorId == null ? "" : ",\"sponsorId\":\"" + sponsorId + "\"") + "}";
  }


  private boolean exists(String id) {
    return distributors.find(id).isPresent() || identity.createUserQuery().userId(id).count() > 0;
  }

  @Test
  void registrationNormalisesThePhoneDerivesTheTimeZoneAndMakesTheSponsorASponsor() {
    HttpResponse<String> created = http.post("/api/distributors", MANAGER,
        registration("reg-ok", "+49 151 23456789", "Tall-Pine-Forest-9", "reg-sponsor"));

    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    Distributor distributor = distributors.get("reg-ok");
    assertThat(distributor.phone()).isEqualTo("+4915123456789");
    assertThat(distributor.timeZone()).isEqualTo("Europe/Berlin");
    assertThat(identity.checkPassword("reg-ok", "Tall-Pine-Forest-9")).isTrue();
    assertThat(identity.createGroupQuery().groupMember("reg-ok").groupId(Groups.DISTRIBUTORS).count()).isOne();
    assertThat(identity.createGroupQuery().groupMember("reg-sponsor").groupId(Groups.SPONSORS).count()).isOne();
  }

  @Test
  void anInvalidPhoneNumberIsRefusedWhenThePersonIsRegistered() {
    assertProblem(http.post("/api/distributors", MANAGER, registration("reg-phone", "12345", "Tall-Pine-Forest-9", null)),
        400, "not a valid phone number");
    assertThat(exists("reg-phone")).isFalse();
  }

  @Test
  void aWeakPasswordIsRefusedWithThePolicyAndNothingIsStored() {
    assertProblem(http.post("/api/distributors", MANAGER, registration("reg-weak", null, "short", null)), 400, "password");
    assertThat(exists("reg-weak")).isFalse();
  }

  @Test
  void duplicatesUnknownSponsorsAndBadTimeZonesAreRefused() {
    assertProblem(http.post("/api/distributors", MANAGER, registration("reg-sponsor", null, "Tall-Pine-Forest-9", null)), 409, "already exists");
    assertProblem(http.post("/api/distributors", MANAGER, registration("reg-orphan", null, "Tall-Pine-Forest-9", "nobody")), 400, "nobody");
    assertProblem(http.post("/api/distributors", MANAGER, registration("reg-tz", null, "Tall-Pine-Forest-9", null)
        .replace("}", ",\"timeZone\":\"Mars/Olympus\"}")), 400, "time zone");
    assertProblem(http.post("/api/distributors", MANAGER, "{\"id\":\"reg-x\","), 400, "");
    assertThat(exists("reg-orphan")).isFalse();
    assertThat(exists("reg-tz")).isFalse();
  }

  @Test
  void onlyManagersRegisterDistributors() {
    HttpResponse<String> byDistributor = http.post("/api/distributors", Http.basic("reg-sponsor", TestUsers.PASSWORD),
        registration("reg-self", null, "Tall-Pine-Forest-9", null));
    assertProblem(byDistributor, 403, "managers");
    assertThat(exists("reg-self")).isFalse();
  }
}
