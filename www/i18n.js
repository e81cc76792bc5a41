// Every visible word of the page, in English and Chinese, in one place.
// Chinese uses the chapter's own terms (损失函数, 梯度下降, 学习率, 收敛, 震荡, 发散 …).

export const STRINGS = {
  en: {
    title: 'Descent — see a neural network learn',
    skip_to_scene: 'Skip to the scene',
    chapter: 'Chapter 3 · The training process',
    nav_scenes: 'Scenes',
    scene_loss: '3.1 Loss',
    scene_descent: '3.2 Gradient descent',
    scene_backprop: '3.3 Backpropagation',
    scene_loop: '3.4 Training loop',
    switch_language: '中文',
    switch_language_name: 'Switch to Chinese (切换到中文)',
    dismiss: 'Dismiss',
    fatal_title: 'Something went wrong.',
    reload: 'Reload the page',
    noscript: 'This page needs JavaScript and WebAssembly.',
    loading: 'Loading…',
    notice_refused: 'Some settings in the address were not understood and use their defaults instead: {names}.',

    gd_heading: 'Gradient descent: a ball rolling downhill',
    gd_intro: 'Like a ping-pong ball on bumpy ground, each step moves the weight w downhill, against the gradient. Drag the learning rate and watch how the steps change.',
    curve_canvas: 'The loss curve L(w) with the ball at the current weight w, its tangent (the gradient) and the next step',
    loss_canvas: 'Loss against step, logarithmic scale',
    loss_plot_title: 'Loss during training',
    learning_rate: 'Learning rate',
    learning_rate_hint: 'η* = 2 / L″ at the minimum: below it the ball settles, above it the steps grow.',
    critical: 'η*',
    play: 'Play',
    pause: 'Pause',
    step: 'Step',
    reset: 'Reset',
    speed: 'Speed',
    steps_per_second: '{n} steps/s',
    curve: 'Loss curve',
    curve_data_mse: 'MSE of a line on data (3.1)',
    curve_bumpy: 'Bumpy ground: a peak and two valleys',
    curve_bowl: 'Quadratic bowl',
    update_rule: 'The update',
    readout_step: 'Step',
    readout_w: 'Weight w',
    readout_loss: 'Loss L(w)',
    readout_gradient: 'Gradient ∂L/∂w',
    readout_critical: 'Critical η*',
    regime_too_slow: 'Too slow',
    regime_too_slow_detail: 'Each step covers a tiny part of the way: convergence takes very many steps.',
    regime_converging: 'Converging',
    regime_converging_detail: 'A good learning rate: the ball rolls steadily into the pit.',
    regime_oscillating: 'Oscillating',
    regime_oscillating_detail: 'Every step jumps over the minimum, but by less each time: it still converges.',
    regime_diverging: 'Diverging',
    regime_diverging_detail: 'Too large: each jump over the minimum is bigger than the last.',
    eta_vs_critical: 'η = {ratio} × η*',
    status_diverged: 'The ball flew off at step {step}. Lower the learning rate and press Reset.',
    status_at_rest_global: 'At rest in the lowest pit (global minimum).',
    status_at_rest_local: 'At rest in a pit — but not the lowest one (a local minimum).',
    status_rolling: 'Heading for the {which} at w = {w}.',
    which_global: 'global minimum',
    which_local: 'local minimum',
    drag_hint: 'Drag the ball, or click the curve, to choose where it starts. Keys: Space play/pause, → step, R reset.',
    overflow: 'overflow',
    question: 'What do too-large and too-small learning rates do?',
    answer: 'Too small and every step barely moves, so training needs very many steps; too large and each step jumps past the minimum, so the loss oscillates or grows without end. In between, around η*/2, the ball goes straight for the pit.',
    weight_axis: 'weight w',
    loss_axis: 'loss L(w)',
    step_axis: 'step',
    loss_axis_plot: 'loss (log scale)',
    global_minimum: 'global minimum',
    local_minimum: 'local minimum',
    minimum: 'minimum',
    peak: 'peak',
    off_chart: 'off the chart',

    // ── 3.1 Loss functions (scene loss) ──

    // ── end 3.1 ──

    // ── 3.3 Backpropagation (scene backprop) ──

    // ── end 3.3 ──

    // ── 3.4 The training loop (scene loop) ──

    loop_heading: 'The complete training loop',
    loop_intro: "The chapter's network (1 → 10 ReLU → 1) learns y = 2x + 1 + noise. Each epoch goes once around the loop, until the loss is small enough.",
    loop_fit_title: "Data and the network's fit",
    loop_fit_canvas: 'The 100 data points and the curve ŷ = f(x) of the network at the current epoch; dashed: the network at initialisation',
    loop_flowchart: 'The training loop, with the current stage marked',
    loop_flow_title: 'The training loop · 3.4.1, 3.4.2',
    loop_flow_title_running: 'The training loop · running, {speed} epochs/s',
    loop_stage_init: '1 Initialise',
    loop_stage_init_sub: 'random W, b',
    loop_stage_forward: '2 Forward',
    loop_stage_forward_sub: 'ŷ = f(x)',
    loop_stage_loss: '3 Loss L',
    loop_stage_loss_sub: 'MSE',
    loop_stage_backward: '4 Backward',
    loop_stage_backward_sub: 'gradients ∂L/∂W',
    loop_stage_update: '5 Update',
    loop_stage_update_sub: 'gradient descent',
    loop_stage_check: 'Small enough?',
    loop_stage_check_sub: 'L < {threshold}',
    loop_stage_check_off: 'never stops',
    loop_stage_done: 'Done',
    loop_stage_done_sub: 'loop ends',
    loop_no: 'no',
    loop_yes: 'yes',
    loop_loss_title: 'Loss during training',
    loop_loss_canvas: 'Loss against epoch, logarithmic scale',
    loop_epoch_axis: 'epoch',
    loop_x_axis: 'x',
    loop_y_axis: 'y',
    loop_legend_data: 'data: y = 2x + 1 + noise',
    loop_legend_network: 'network ŷ = f(x)',
    loop_legend_initial: 'at initialisation',
    loop_diverge_mark: '≥ 0.05 diverges',
    loop_lr_hint: 'Live, no reset. At η ≥ 0.05 this network diverges.',
    loop_step: 'Step',
    loop_new_seed: 'New seed',
    loop_threshold: 'Stop when',
    loop_threshold_off: 'never',
    loop_epochs_per_second: '{n} epochs/s',
    loop_console_title: 'Console',
    loop_math_title: 'The math of one epoch (3.4.2)',
    loop_math_forward: 'Forward',
    loop_math_activation: 'Activation',
    loop_math_loss: 'Loss',
    loop_math_update: 'Update',
    loop_readout_epoch: 'Epoch',
    loop_readout_loss: 'Loss L',
    loop_readout_seed: 'Seed',
    loop_readout_params: 'Parameters',
    loop_seed_chapter: "{seed} (the chapter's)",
    loop_status_ready: 'Ready',
    loop_status_ready_detail: 'Random initial weights, epoch {epoch}. Press Play or Step.',
    loop_status_training: 'Training',
    loop_status_training_detail: 'Epoch {epoch}, loss {loss}.',
    loop_status_paused: 'Paused',
    loop_status_paused_detail: 'Epoch {epoch}, loss {loss}.',
    loop_status_done: 'Training complete',
    loop_status_done_detail: 'Epoch {epoch}: loss {loss} < {threshold}, the loop stops.',
    loop_status_diverging: 'Diverging',
    loop_status_diverging_detail: 'η is too large: the loss blew up by epoch {epoch}. Lower η, then Reset.',
    loop_note_done: 'loss {loss} < {threshold}: training complete at epoch {epoch}',
    loop_note_diverging: 'diverging: the loss overflowed at epoch {epoch}',
    loop_question: 'Why compute gradients instead of searching for the best parameters directly?',
    loop_answer: "Because the search space is enormous: trying just 10 values for each of this network's {n} parameters means 10{power} loss evaluations, while one forward and one backward pass give the gradient, which tells every parameter at once which way to move.",

    // ── end 3.4 ──
  },
  zh: {
    title: 'Descent — 看见神经网络的学习过程',
    skip_to_scene: '跳到演示',
    chapter: '第三章 · 训练过程',
    nav_scenes: '演示',
    scene_loss: '3.1 损失函数',
    scene_descent: '3.2 梯度下降',
    scene_backprop: '3.3 反向传播',
    scene_loop: '3.4 训练流程',
    switch_language: 'English',
    switch_language_name: '切换到英文 (Switch to English)',
    dismiss: '关闭',
    fatal_title: '出错了。',
    reload: '重新加载页面',
    noscript: '本页面需要 JavaScript 和 WebAssembly。',
    loading: '加载中…',
    notice_refused: '地址中的部分设置无法识别，已改用默认值：{names}。',

    gd_heading: '梯度下降：往低处滚的小球',
    gd_intro: '就像凹凸不平的地面上的乒乓球，每一步都让权重 w 沿着梯度的反方向往低处走。拖动学习率，看看每一步怎样变化。',
    curve_canvas: '损失函数曲线 L(w)，小球位于当前权重 w，切线表示梯度，虚线表示下一步',
    loss_canvas: '损失随步数的变化（对数坐标）',
    loss_plot_title: '训练中的损失',
    learning_rate: '学习率',
    learning_rate_hint: 'η* = 2 / 极小值处的 L″：小于它小球会停下，大于它步子越来越大。',
    critical: 'η*',
    play: '播放',
    pause: '暂停',
    step: '单步',
    reset: '重置',
    speed: '速度',
    steps_per_second: '每秒 {n} 步',
    curve: '损失函数曲线',
    curve_data_mse: '直线拟合数据的均方误差（3.1）',
    curve_bumpy: '凹凸地面：一个极大值、两个极小值',
    curve_bowl: '二次函数碗',
    update_rule: '参数更新',
    readout_step: '步数',
    readout_w: '权重 w',
    readout_loss: '损失 L(w)',
    readout_gradient: '梯度 ∂L/∂w',
    readout_critical: '临界学习率 η*',
    regime_too_slow: '太小 · 收敛极慢',
    regime_too_slow_detail: '每一步只走了很小一段：需要很多轮迭代才能收敛。',
    regime_converging: '适中 · 快速收敛',
    regime_converging_detail: '学习率合适：小球稳稳地滚进坑底。',
    regime_oscillating: '偏大 · 震荡收敛',
    regime_oscillating_detail: '每一步都跳过最优解，但越跳越近：仍然收敛。',
    regime_diverging: '太大 · 发散',
    regime_diverging_detail: '学习率太大：每次跳过极小值都比上一次更远。',
    eta_vs_critical: 'η = {ratio} × η*',
    status_diverged: '小球在第 {step} 步飞出去了。调小学习率，然后按“重置”。',
    status_at_rest_global: '停在最低的坑底（全局极小值）。',
    status_at_rest_local: '停在一个坑底，但不是最低的那个（局部极小值）。',
    status_rolling: '正滚向 w = {w} 处的{which}。',
    which_global: '全局极小值',
    which_local: '局部极小值',
    drag_hint: '拖动小球或点击曲线，选择起点。按键：空格 播放/暂停，→ 单步，R 重置。',
    overflow: '溢出',
    question: '学习率太大或太小分别会导致什么问题？',
    answer: '太小：每一步几乎不动，需要很多轮迭代；太大：每一步都跳过最优解，损失震荡甚至发散。在 η*/2 附近时，小球直奔坑底。',
    weight_axis: '权重 w',
    loss_axis: '损失 L(w)',
    step_axis: '步数',
    loss_axis_plot: '损失（对数坐标）',
    global_minimum: '全局极小值',
    local_minimum: '局部极小值',
    minimum: '极小值',
    peak: '极大值',
    off_chart: '超出图表',

    // ── 3.1 Loss functions (scene loss) ──

    // ── end 3.1 ──

    // ── 3.3 Backpropagation (scene backprop) ──

    // ── end 3.3 ──

    // ── 3.4 The training loop (scene loop) ──

    loop_heading: '完整训练流程',
    loop_intro: '本章的网络（1 → 10 ReLU → 1）学习 y = 2x + 1 + 噪声。每一轮（epoch）沿流程走一圈，直到损失足够小。',
    loop_fit_title: '数据与网络的拟合曲线',
    loop_fit_canvas: '100 个数据点，以及当前这一轮网络的预测曲线 ŷ = f(x)；虚线：初始化时的网络',
    loop_flowchart: '训练流程图，标出当前步骤',
    loop_flow_title: '训练步骤与数学总结 · 3.4.1, 3.4.2',
    loop_flow_title_running: '训练步骤 · 运行中，每秒 {speed} 轮',
    loop_stage_init: '1 随机初始化',
    loop_stage_init_sub: 'W 和 b',
    loop_stage_forward: '2 前向传播',
    loop_stage_forward_sub: 'ŷ = f(x)',
    loop_stage_loss: '3 计算损失 L',
    loop_stage_loss_sub: '均方误差',
    loop_stage_backward: '4 反向传播',
    loop_stage_backward_sub: '计算梯度 ∂L/∂W',
    loop_stage_update: '5 更新参数',
    loop_stage_update_sub: '梯度下降',
    loop_stage_check: '损失足够小？',
    loop_stage_check_sub: 'L < {threshold}',
    loop_stage_check_off: '不停止',
    loop_stage_done: '训练完成',
    loop_stage_done_sub: '停止循环',
    loop_no: '否',
    loop_yes: '是',
    loop_loss_title: '训练中的损失',
    loop_loss_canvas: '损失随轮数的变化（对数坐标）',
    loop_epoch_axis: '轮数 (epoch)',
    loop_x_axis: 'x',
    loop_y_axis: 'y',
    loop_legend_data: '数据：y = 2x + 1 + 噪声',
    loop_legend_network: '网络预测 ŷ = f(x)',
    loop_legend_initial: '初始化时',
    loop_diverge_mark: '≥ 0.05 发散',
    loop_lr_hint: '即时生效，不重置。η ≥ 0.05 时这个网络会发散。',
    loop_step: '单步',
    loop_new_seed: '换随机种子',
    loop_threshold: '停止条件',
    loop_threshold_off: '不停止',
    loop_epochs_per_second: '每秒 {n} 轮',
    loop_console_title: '控制台',
    loop_math_title: '数学总结（3.4.2）',
    loop_math_forward: '前向传播',
    loop_math_activation: '激活',
    loop_math_loss: '损失',
    loop_math_update: '参数更新',
    loop_readout_epoch: '轮数',
    loop_readout_loss: '损失 L',
    loop_readout_seed: '随机种子',
    loop_readout_params: '参数个数',
    loop_seed_chapter: '{seed}（本章）',
    loop_status_ready: '就绪',
    loop_status_ready_detail: '权重已随机初始化，第 {epoch} 轮。按“播放”或“单步”。',
    loop_status_training: '训练中',
    loop_status_training_detail: '第 {epoch} 轮，损失 {loss}。',
    loop_status_paused: '已暂停',
    loop_status_paused_detail: '第 {epoch} 轮，损失 {loss}。',
    loop_status_done: '训练完成',
    loop_status_done_detail: '第 {epoch} 轮损失 {loss} < {threshold}，循环结束。',
    loop_status_diverging: '发散',
    loop_status_diverging_detail: '学习率太大：损失在第 {epoch} 轮爆炸。调小 η 后按“重置”。',
    loop_note_done: '损失 {loss} < {threshold}：第 {epoch} 轮训练完成',
    loop_note_diverging: '发散：损失在第 {epoch} 轮溢出',
    loop_question: '为什么需要计算梯度而不是直接搜索最优参数？',
    loop_answer: '因为搜索空间太大：这个网络有 {n} 个参数，每个只试 10 个取值也要计算 10{power} 次损失；而一次前向传播加一次反向传播就能得到梯度，同时告诉每个参数该往哪个方向调整。',

    // ── end 3.4 ──
  },
};

export const LANGUAGES = Object.keys(STRINGS);

let current = 'en';

/** The language asked for by `?lang=`, else the browser's, else English. */
export function pickLanguage(requested, browserLanguages) {
  if (requested && LANGUAGES.includes(requested)) return requested;
  for (const tag of browserLanguages || []) {
    const base = String(tag).toLowerCase().split('-')[0];
    if (LANGUAGES.includes(base)) return base;
  }
  return 'en';
}

export function language() {
  return current;
}

export function setLanguage(lang) {
  current = LANGUAGES.includes(lang) ? lang : 'en';
  document.documentElement.lang = current === 'zh' ? 'zh-CN' : 'en';
  document.title = t('title');
  applyTo(document);
}

/** The string `key` in the current language, with `{name}` filled from `vars`. */
export function t(key, vars = {}) {
  const table = STRINGS[current];
  const text = key in table ? table[key] : STRINGS.en[key] ?? key;
  return text.replace(/\{(\w+)\}/g, (_, name) => (name in vars ? String(vars[name]) : `{${name}}`));
}

/** Fills every `data-i18n` (text) and `data-i18n-<attr>` (attribute) under `root`. */
export function applyTo(root) {
  for (const el of root.querySelectorAll('[data-i18n]')) el.textContent = t(el.dataset.i18n);
  for (const attr of ['aria-label', 'title']) {
    const data = `data-i18n-${attr}`;
    for (const el of root.querySelectorAll(`[${data}]`)) el.setAttribute(attr, t(el.getAttribute(data)));
  }
}
