// Tasklist configuration of Journey Coach (it replaces Camunda's default config.js; options:
// https://docs.camunda.org/manual/7.24/webapps/tasklist/configuration/).
export default {
  // --- Journey Coach: worklist and sharing ---------------------------------------------------------------
  // scripts/journey-coach.js: the share form's "Copy the message" link (a Camunda Form cannot run scripts)
  customScripts: ['scripts/journey-coach'],

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
