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
    bp_heading: 'Backpropagation: the chain rule, one factor at a time',
    bp_intro: 'The chapter’s 2-layer sigmoid network on one example. The forward pass computes every node; the backward pass walks from the loss back to each weight, multiplying one local derivative per edge.',
    bp_canvas: 'Computation graph x → z₁ → a₁ → z₂ → ŷ → L with W₁, b₁, W₂, b₂ and the target y; forward values on the nodes and the backward factors found so far beside their edges',
    bp_forward: 'Forward pass',
    bp_backward: 'Backward pass',
    bp_legend_forward: 'forward pass',
    bp_legend_backward: 'backward pass',
    bp_step_backward: 'Step backward',
    bp_previous: 'Back one step',
    bp_show_all: 'Show all',
    bp_reset: 'Reset',
    bp_new_example: 'New example',
    bp_values: 'Example (x, y) and parameters',
    bp_value_invalid: '{name} must be a number from {min} to {max}.',
    bp_keys: 'Keys: → step backward, ← back one step, A show all, U apply update, R reset.',
    bp_progress_start: 'Press “Step backward” to start at the loss L.',
    bp_progress: 'Step {n} of {total}',
    bp_progress_done: 'Both gradients found: ready for a gradient-descent update.',
    bp_current_none: 'No factor yet. The backward pass starts at the loss and moves towards the input.',
    bp_explain_dL_dyhat: 'At the loss: how L = (y − ŷ)² changes with the prediction ŷ.',
    bp_explain_dyhat_dz2: 'Back through the output sigmoid: σ′(z₂) = ŷ(1 − ŷ).',
    bp_explain_dz2_dW2: 'z₂ = W₂·a₁ + b₂ grows by a₁ for every unit of W₂.',
    bp_explain_dz2_da1: 'z₂ grows by W₂ for every unit of a₁: the path continues into the hidden layer.',
    bp_explain_da1_dz1: 'Back through the hidden sigmoid: σ′(z₁) = a₁(1 − a₁).',
    bp_explain_dz1_dW1: 'z₁ = W₁·x + b₁ grows by x for every unit of W₁.',
    bp_explain_dL_dW2: 'Multiply the factors on the path from L to W₂.',
    bp_explain_dL_dW1: 'Multiply the factors on the path from L to W₁; the first two were already found for W₂ and are reused.',
    bp_finite_difference: 'Finite difference [L(W+h) − L(W−h)]/2h:',
    bp_agrees: 'agrees',
    bp_differs: 'differs',
    bp_not_yet: 'not yet found',
    bp_update: 'One gradient-descent step',
    bp_learning_rate: 'Learning rate η',
    bp_apply: 'Apply update',
    bp_apply_named: 'Apply update (η = {eta})',
    bp_update_hint: 'Applied to W₁, b₁, W₂ and b₂ at once; then a new forward pass starts.',
    bp_loss_before: 'Loss before',
    bp_loss_after: 'Loss after',
    bp_loss_now: 'Loss L',
    bp_no_update_yet: 'No update yet',
    bp_loss_fell: 'The loss fell by {percent} %.',
    bp_loss_rose: 'The loss rose by {percent} %: η is too large for this step.',
    bp_loss_same: 'The loss did not change (η = 0).',
    bp_lr_invalid: 'η must be a number from 0 to 100.',
    bp_question: 'What role does the chain rule play in backpropagation?',
    bp_answer: 'It turns the derivative of the network’s long composite function into a product of small local derivatives, each computed once at its own node and reused on the way back, so the gradient of every weight costs only about one extra backward pass.',

    // ── end 3.3 ──

    // ── 3.4 The training loop (scene loop) ──

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
    bp_heading: '反向传播：链式法则，一次一个因子',
    bp_intro: '本章的两层 sigmoid 网络，一个训练样本。前向传播算出每个节点的值；反向传播从损失出发走回每个权重，每经过一条边就乘上一个局部导数。',
    bp_canvas: '计算图 x → z₁ → a₁ → z₂ → ŷ → L，以及 W₁、b₁、W₂、b₂ 和目标值 y；节点上是前向传播的值，已求出的反向传播因子写在对应的边旁',
    bp_forward: '前向传播',
    bp_backward: '反向传播',
    bp_legend_forward: '前向传播',
    bp_legend_backward: '反向传播',
    bp_step_backward: '反向一步',
    bp_previous: '退回一步',
    bp_show_all: '全部显示',
    bp_reset: '重置',
    bp_new_example: '换一个样本',
    bp_values: '样本 (x, y) 与参数',
    bp_value_invalid: '{name} 必须是 {min} 到 {max} 之间的数。',
    bp_keys: '按键：→ 反向一步，← 退回一步，A 全部显示，U 更新参数，R 重置。',
    bp_progress_start: '按“反向一步”，从损失 L 开始。',
    bp_progress: '第 {n} 步，共 {total} 步',
    bp_progress_done: '两个梯度都已求出：可以做一次梯度下降更新了。',
    bp_current_none: '还没有因子。反向传播从损失出发，向输入方向走。',
    bp_explain_dL_dyhat: '在损失处：L = (y − ŷ)² 随预测值 ŷ 如何变化。',
    bp_explain_dyhat_dz2: '穿过输出层的 sigmoid：σ′(z₂) = ŷ(1 − ŷ)。',
    bp_explain_dz2_dW2: 'z₂ = W₂·a₁ + b₂：W₂ 每增加 1，z₂ 增加 a₁。',
    bp_explain_dz2_da1: 'a₁ 每增加 1，z₂ 增加 W₂：路径继续走进隐藏层。',
    bp_explain_da1_dz1: '穿过隐藏层的 sigmoid：σ′(z₁) = a₁(1 − a₁)。',
    bp_explain_dz1_dW1: 'z₁ = W₁·x + b₁：W₁ 每增加 1，z₁ 增加 x。',
    bp_explain_dL_dW2: '把从 L 到 W₂ 路径上的因子相乘。',
    bp_explain_dL_dW1: '把从 L 到 W₁ 路径上的因子相乘；前两个因子在求 W₂ 时已经算过，直接复用。',
    bp_finite_difference: '有限差分 [L(W+h) − L(W−h)]/2h：',
    bp_agrees: '一致',
    bp_differs: '不一致',
    bp_not_yet: '尚未求出',
    bp_update: '一次梯度下降',
    bp_learning_rate: '学习率 η',
    bp_apply: '更新参数',
    bp_apply_named: '更新参数（η = {eta}）',
    bp_update_hint: '同时更新 W₁、b₁、W₂、b₂，然后重新做一次前向传播。',
    bp_loss_before: '更新前损失',
    bp_loss_after: '更新后损失',
    bp_loss_now: '损失 L',
    bp_no_update_yet: '尚未更新',
    bp_loss_fell: '损失下降了 {percent} %。',
    bp_loss_rose: '损失上升了 {percent} %：这一步的学习率太大。',
    bp_loss_same: '损失没有变化（η = 0）。',
    bp_lr_invalid: 'η 必须是 0 到 100 之间的数。',
    bp_question: '链式法则在反向传播中起什么作用？',
    bp_answer: '它把整个网络这个长复合函数的导数拆成一串局部导数的乘积，每个局部导数只在自己的节点上算一次、在反向传播时沿路复用，所以求出每个权重的梯度只需要大约多做一次反向传播。',

    // ── end 3.3 ──

    // ── 3.4 The training loop (scene loop) ──

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
