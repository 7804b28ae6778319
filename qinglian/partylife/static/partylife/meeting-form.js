/* The meeting form: which holder fields and which attendance rows show for the kind and holder chosen; who is
 * ticked as due to attend follows the kind (支委会 the committee, 党小组会 the group, 党员大会 the branch, the leading
 * group's meetings its members — the same key as forms/meetings.py `due_key`); a reason box for anyone not
 * present. A static file, as the Content-Security-Policy allows no inline script. */
(function () {
  const $ = (id) => document.getElementById(id);
  const kind = $("id_kind"), holder = $("id_holder"), branch = $("id_branch"), group = $("id_party_group");
  const vote = $("id_has_vote"), basis = $("att-basis"), LEADING = ["democratic_life_meeting", "central_group_study", "leading_group_meeting"];
  const show = (id, on) => { const el = $(id); if (el) el.classList.toggle("d-none", !on); };
  function dueKey() {
    if (holder.value === "leading_group") return "leading";
    if (holder.value === "party_group") return "group:" + group.value;
    if (kind.value === "branch_committee_meeting") return "committee:" + branch.value;
    return "branch:" + branch.value;
  }
  function isDue(row, key) {
    const [what, id] = key.split(":");
    if (what === "leading") return row.dataset.leading === "1";
    if (!id) return false;
    if (what === "group") return row.dataset.group === id;
    if (what === "committee") return (row.dataset.committee || "").split(" ").includes(id);
    return row.dataset.branch === id;
  }
  function syncRows() {
    let shown = 0;
    document.querySelectorAll(".att-row").forEach((row) => {
      let on = row.dataset.recorded === "1";
      if (holder.value === "branch") on = on || row.dataset.branch === branch.value || (row.dataset.committee || "").split(" ").includes(branch.value);
      if (holder.value === "party_group") on = on || (!!group.value && row.dataset.group === group.value);
      if (holder.value === "leading_group") on = on || row.dataset.leading === "1";
      row.classList.toggle("d-none", !on);
      if (on) shown += 1;
    });
    show("att-none", shown === 0);
  }
  function syncTicks() {
    // Only when what decides "due" has changed: ticks the recorder set by hand for the same kind stay.
    const key = dueKey();
    if (!basis || basis.value === key) return;
    document.querySelectorAll(".att-row").forEach((row) => {
      row.querySelector("input[name=att_person]").checked = isDue(row, key);
    });
    basis.value = key;
  }
  function sync() {
    if (LEADING.includes(kind.value)) holder.value = "leading_group";
    else if (kind.value === "party_group_meeting") holder.value = "party_group";
    else if (holder.value === "leading_group") holder.value = "branch";
    show("wrap-branch", holder.value === "branch");
    show("wrap-party_group", holder.value === "party_group");
    show("wrap-lecturer", kind.value === "party_lecture" || kind.value === "central_group_study" || !!$("id_lecturer").value);
    show("wrap-voting_members_due", vote.checked);
    show("wrap-voting_members_present", vote.checked);
    show("wrap-votes_for", vote.checked);
    syncRows();
  }
  [kind, holder, branch, group, vote].forEach((el) => el.addEventListener("change", () => { sync(); syncTicks(); }));
  document.querySelectorAll(".att-status").forEach((select) => select.addEventListener("change", () => {
    const row = select.closest(".att-row"), reason = row.querySelector(".att-reason");
    reason.classList.toggle("d-none", select.value === "present");
    // Whoever is marked 请假/缺席 was due: tick them, or the reason typed would not be recorded.
    if (select.value !== "present") { row.querySelector("input[name=att_person]").checked = true; reason.focus(); }
  }));
  const host = $("id_host"), recorder = $("id_recorder");
  [host, recorder].forEach((el) => el && el.addEventListener("change", () => {
    if (host.value && recorder.value) show("warn-host-recorder", false);
  }));
  sync();
})();
