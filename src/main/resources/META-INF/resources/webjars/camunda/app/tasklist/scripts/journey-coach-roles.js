// Journey Coach: marks Tasklist's page with what the logged-in user may do, as Camunda decides it, so that
// user-styles.css offers only what would not end in "not allowed": body.jc-may-create-task (CREATE on
// tasks) and body.jc-may-reassign (TASK_ASSIGN on every task: managers, administrators). Until known,
// neither is set. The server refuses the hidden actions anyway; this only spares a person the error.
const engine = document.querySelector('base').getAttribute('app-root') + '/api/engine/engine/default';

async function may(permission) {
  const query = new URLSearchParams({ permissionName: permission, resourceName: 'Task', resourceType: '7' });
  const answer = await fetch(engine + '/authorization/check?' + query, {
    credentials: 'same-origin',
    headers: { Accept: 'application/json' }
  });
  // before the login Camunda answers 401: nothing is known yet
  return answer.ok ? (await answer.json()).authorized === true : null;
}

async function mark() {
  try {
    const [create, assign] = await Promise.all([may('CREATE'), may('TASK_ASSIGN')]);
    document.body.classList.toggle('jc-may-create-task', create === true);
    document.body.classList.toggle('jc-may-reassign', assign === true);
    document.body.classList.toggle('jc-roles-known', create !== null && assign !== null);
  } catch (error) {
    console.error('Journey Coach: could not read the permissions', error);
  }
}

// Tasklist changes its location at login, logout and between views: look again each time
window.addEventListener('hashchange', mark);
mark();
