package com.journeycoach.statistics.insights;

import com.journeycoach.content.Catalog;
import com.journeycoach.messaging.PhraseReport;
import com.journeycoach.messaging.SuggestedMessages;
import com.journeycoach.experiment.Experiments;
import com.journeycoach.statistics.ContentAnswers;
import com.journeycoach.statistics.ContentInsights;
import com.journeycoach.statistics.DistributorInsights;
import com.journeycoach.statistics.ForecastCalibration;
import com.journeycoach.statistics.IntentDriftCheck;
import com.journeycoach.statistics.JourneyInsights;
import com.journeycoach.statistics.NudgeFollowThrough;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.UriInfo;
import org.camunda.bpm.cockpit.plugin.resource.AbstractCockpitPluginRootResource;
import org.springframework.web.context.support.WebApplicationContextUtils;

/**
 * The plugin's root: Jersey creates it per request, outside Spring, so the application's services come from the
 * Spring context of the servlet context it runs in. {@code static/app/plugin.js} is served by the base class.
 */
@Path("plugin/" + InsightsPlugin.ID)
public class InsightsRootResource extends AbstractCockpitPluginRootResource {

  public InsightsRootResource() {
    super(InsightsPlugin.ID);
    // the Journeys tab's module, which plugin.js imports
    allowedAssets.add("app/journeys.js");
    // the Messaging tab's module
    allowedAssets.add("app/messaging.js");
    // the Experiments tab's module
    allowedAssets.add("app/experiments.js");
  }

  @Path("{engineName}/distributors")
  public DistributorsResource distributors(@PathParam("engineName") String engineName, @Context UriInfo request) {
    var context = WebApplicationContextUtils.getRequiredWebApplicationContext(servletContext);
    return subResource(new DistributorsResource(engineName, context.getBean(DistributorInsights.class),
        context.getBean(ForecastCalibration.class), context.getBean(NudgeFollowThrough.class), request), engineName);
  }

  @Path("{engineName}/content")
  public ContentResource content(@PathParam("engineName") String engineName, @Context UriInfo request) {
    var context = WebApplicationContextUtils.getRequiredWebApplicationContext(servletContext);
    return subResource(new ContentResource(engineName, context.getBean(ContentInsights.class), context.getBean(ContentAnswers.class),
        context.getBean(IntentDriftCheck.class), request), engineName);
  }

  @Path("{engineName}/journeys")
  public JourneysResource journeys(@PathParam("engineName") String engineName, @Context UriInfo request) {
    JourneyInsights insights = WebApplicationContextUtils.getRequiredWebApplicationContext(servletContext)
        .getBean(JourneyInsights.class);
    return subResource(new JourneysResource(engineName, insights, request), engineName);
  }

  @Path("{engineName}/messaging")
  public MessagingResource messaging(@PathParam("engineName") String engineName, @Context UriInfo request) {
    var context = WebApplicationContextUtils.getRequiredWebApplicationContext(servletContext);
    return subResource(new MessagingResource(engineName, context.getBean(PhraseReport.class), context.getBean(SuggestedMessages.class),
        context.getBean(Catalog.class), request), engineName);
  }

  @Path("{engineName}/experiments")
  public ExperimentsResource experiments(@PathParam("engineName") String engineName, @Context UriInfo request) {
    Experiments experiments = WebApplicationContextUtils.getRequiredWebApplicationContext(servletContext).getBean(Experiments.class);
    return subResource(new ExperimentsResource(engineName, experiments, request), engineName);
  }
}
