package com.journeycoach.content;

import com.journeycoach.system.CurrentUser;
import com.journeycoach.system.Groups;
import com.journeycoach.system.InvalidInputException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import java.io.ByteArrayInputStream;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/assets")
@Tag(name = "Assets", description = "The content catalog: metadata, prerequisites, activation, import and export")
public class AssetController {

  private static final String[] EDITORS = {Groups.MANAGERS, Groups.PROCESS_OWNERS, Groups.ADMINS};

  private final Catalog catalog;
  private final CatalogFile file;
  private final CurrentUser currentUser;

  public AssetController(Catalog catalog, CatalogFile file, CurrentUser currentUser) {
    this.catalog = catalog;
    this.file = file;
    this.currentUser = currentUser;
  }

  @GetMapping
  @Operation(summary = "List the catalog in default sequence")
  public List<Asset> list() {
    return catalog.all();
  }

  @GetMapping("/{id}")
  @Operation(summary = "Read one asset")
  public Asset get(@PathVariable String id) {
    return catalog.get(id);
  }

  @PostMapping
  @ResponseStatus(HttpStatus.CREATED)
  @Operation(summary = "Add an asset (a draft unless it asks to be ACTIVE and has all its metadata)")
  public Asset create(@Valid @RequestBody Asset asset) {
    currentUser.require(EDITORS);
    return catalog.create(asset);
  }

  @PutMapping("/{id}")
  @Operation(summary = "Replace an asset's metadata")
  public Asset update(@PathVariable String id, @Valid @RequestBody Asset asset) {
    currentUser.require(EDITORS);
    if (!id.equals(asset.id())) {
      throw new InvalidInputException("The id in the body ('" + asset.id() + "') differs from the path ('" + id + "')");
    }
    return catalog.update(asset);
  }

  @PostMapping("/{id}/activate")
  @Operation(summary = "Activate an asset; fails with the list of missing metadata")
  public Asset activate(@PathVariable String id) {
    currentUser.require(EDITORS);
    return catalog.activate(id);
  }

  @PostMapping("/{id}/retire")
  @Operation(summary = "Retire an asset so it is no longer shared")
  public Asset retire(@PathVariable String id) {
    currentUser.require(EDITORS);
    return catalog.retire(id);
  }

  @GetMapping(value = "/export")
  @Operation(summary = "Export the whole catalog as YAML (default) or JSON (managers and process owners)")
  public ResponseEntity<String> export(@RequestParam(defaultValue = "yaml") String format) {
    currentUser.require(EDITORS);
    CatalogFile.Format chosen = format(format);
    return ResponseEntity.ok()
        .contentType(chosen == CatalogFile.Format.YAML ? MediaType.parseMediaType("application/yaml") : MediaType.APPLICATION_JSON)
        .header("Content-Disposition", "attachment; filename=\"catalog." + format.toLowerCase() + "\"")
        .body(file.write(catalog.all(), chosen));
  }

  @PostMapping(value = "/import", consumes = {"application/yaml", "application/x-yaml", "text/yaml", MediaType.APPLICATION_JSON_VALUE})
  @Operation(summary = "Import assets from a YAML or JSON catalog file; all or nothing")
  public Map<String, Object> importFile(@RequestHeader("Content-Type") String contentType, @RequestBody byte[] body) {
    currentUser.require(EDITORS);
    CatalogFile.Format format = contentType.contains("json") ? CatalogFile.Format.JSON : CatalogFile.Format.YAML;
    CatalogFile.Content content = file.read(new ByteArrayInputStream(body), format);
    catalog.saveAll(content.assets());
    return Map.of("imported", content.assets().size());
  }

  private static CatalogFile.Format format(String format) {
    return switch (format.toLowerCase()) {
      case "yaml", "yml" -> CatalogFile.Format.YAML;
      case "json" -> CatalogFile.Format.JSON;
      default -> throw new InvalidInputException("Unknown format '" + format + "': use yaml or json");
    };
  }
}
