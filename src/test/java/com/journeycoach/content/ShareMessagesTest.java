package com.journeycoach.content;

import static org.assertj.core.api.Assertions.assertThat;

import com.journeycoach.people.Audience;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ShareMessagesTest {

  static final String LINK = "https://coach.example.com/s/AbC-123_xyz";

  static Asset asset(String id, String title) {
    return new Asset(id, title, AssetType.VIDEO, "https://media.example/" + id, null, List.of(), List.of(), null, null, null,
        Phase.PROSPECT_DEVELOPMENT, 1, null, null, null, List.of(Audience.PRODUCT_CUSTOMER), null, List.of(), null);
  }

  @Test
  void anAssetWithoutItsOwnTextGetsTheDefaultWithNameTitleAndLink() {
    ShareMessages.Suggested suggested = new ShareMessages(new CatalogProperties(false, "https://coach.example.com"))
        .suggest(asset("new-video", "Sleep & energy"), "Ana", "+34612345678", "ana.ruiz@example.com", "Dana", LINK);

    assertThat(suggested.text()).isEqualTo("Hi Ana, I thought of you when I saw this: \"Sleep & energy\". Have a look and tell me"
        + " what you think: " + LINK);
    assertThat(suggested.smsHref()).startsWith("sms:+34612345678?body=Hi%20Ana%2C%20").doesNotContain(" ", "&");
    assertThat(URLDecoder.decode(suggested.smsHref().substring(suggested.smsHref().indexOf("?body=") + 6), StandardCharsets.UTF_8))
        .isEqualTo(suggested.text());
    assertThat(suggested.mailtoHref()).startsWith("mailto:ana.ruiz@example.com?subject=Sleep%20%26%20energy&body=Hi%20Ana%2C%0D%0A")
        .endsWith("Dana");
  }

  @Test
  void anAssetsOwnTextWinsAndAProcessOwnersFileOverridesKeyByKey(@TempDir Path folder) throws IOException {
    Path own = folder.resolve("my-messages.properties");
    Files.writeString(own, "share.cwm-explained.sms=Hola {0}: {2}\n", StandardCharsets.UTF_8);
    ShareMessages packaged = new ShareMessages(new CatalogProperties(false, "https://coach.example.com"));
    ShareMessages overridden = new ShareMessages(new CatalogProperties(false, "https://coach.example.com", own.toString()));
    Asset cwm = asset("cwm-explained", "What is CWM?");

    assertThat(packaged.suggest(cwm, "Ana", null, null, null, LINK).text()).startsWith("Hi Ana, you asked about CWM");
    assertThat(overridden.suggest(cwm, "Ana", null, null, null, LINK).text()).isEqualTo("Hola Ana: " + LINK);
    // what the owner's file lacks still comes from the packaged one
    assertThat(overridden.suggest(cwm, "Ana", null, null, null, LINK).mailtoHref()).contains("subject=CWM%20in%206%20minutes");
  }

  @Test
  void withoutANumberOrAddressTheLinksOpenAnEmptyMessageToChooseTheRecipient() {
    ShareMessages.Suggested suggested = new ShareMessages(new CatalogProperties(false, "https://coach.example.com"))
        .suggest(asset("x", "X"), null, null, "not an address", null, LINK);

    assertThat(suggested.text()).startsWith("Hi there,");
    assertThat(suggested.smsHref()).startsWith("sms:?body=");
    assertThat(suggested.mailtoHref()).startsWith("mailto:not%20an%20address?subject=X");
  }
}
