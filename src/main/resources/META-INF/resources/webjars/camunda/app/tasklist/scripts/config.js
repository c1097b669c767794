// Tasklist configuration of Journey Coach (it replaces Camunda's default config.js; options:
// https://docs.camunda.org/manual/7.24/webapps/tasklist/configuration/).
export default {
  // scripts/journey-coach.js (worklist and sharing): the share form's send and copy links (a Camunda Form
  // cannot run scripts). scripts/journey-coach-roles.js (who is offered what): marks the page with what the
  // logged-in user may do; user-styles.css hides Create task from those who may not create tasks, and the
  // assignee's "×", the assignee editing and Camunda's migration banner from those who may not reassign
  // (distributors, sponsors). The server refuses these actions anyway (docs/authorizations.md).
  customScripts: ['scripts/journey-coach', 'scripts/journey-coach-roles'],

  shortcuts: {
    claimTask: {
      key: 'ctrl+alt+c',
      description: 'claims the currently selected task'
    },
    focusFilter: {
      key: 'ctrl+shift+f',
      description: 'set the focus to the first filter in the list'
    },
    focusList: {
      key: 'ctrl+alt+l',
      description: 'sets the focus to the first task in the list'
    },
    focusForm: {
      key: 'ctrl+alt+f',
      description: 'sets the focus to the first input field in a task form'
    },
    startProcess: {
      key: 'ctrl+alt+p',
      description: 'opens the start process modal dialog'
    }
  }
};
