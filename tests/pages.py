"""Report pages in the shapes Chinese government sites and news portals publish, made from
a report's text: navigation, breadcrumbs, share bars, related links, comments and footers
around the body, and the page's own ``<meta>`` fields. Written by hand here, never by
exporter's renderers, so reading them tests the HTML reader against real page structure.
"""

from __future__ import annotations

from html import escape

_HEADING = ("一二三四五六七八九十", "（")


def _paragraphs(text: str, heading_tag: str) -> list[str]:
    """One ``<p>`` per line; top-level headings in ``heading_tag``, others in bold."""
    out = []
    for line in text.splitlines():
        if not line.strip():
            continue
        body = escape(line.strip()).replace("“", "&ldquo;").replace("”", "&rdquo;")
        if line[:1] in _HEADING[0] and "、" in line[:4] and len(line) < 40:
            out.append(f"<{heading_tag}>{body}</{heading_tag}>")
        elif line.startswith(_HEADING[1]) and len(line) < 40:
            out.append(f'<p style="text-indent: 2em;"><strong>{body}</strong></p>')
        else:
            out.append(f'<p style="text-indent: 2em; font-family: 宋体;">&nbsp;&nbsp;{body}</p>')
    return out


def gov_page(text: str, title: str, date: str = "2017-03-16 18:34",
             source: str = "新华社", charset: str = "utf-8") -> str:
    """A government portal's article page (table layout, ArticleTitle/PubDate fields)."""
    body = "\n".join(_paragraphs(text, "h3"))
    return f"""<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN">
<html><head>
<meta http-equiv="Content-Type" content="text/html; charset={charset}">
<title>{escape(title)}_中国政府网</title>
<meta name="ArticleTitle" content="{escape(title)}">
<meta name="PubDate" content="{date}">
<meta name="ContentSource" content="{source}">
<meta name="keywords" content="政府工作报告">
<script type="text/javascript">var tpl = "<p>分享</p>"; document.write("<div>广告</div>");</script>
<style>.pages_content p {{ text-indent: 2em; }}</style>
</head><body>
<div class="header"><div class="logo"><img src="logo.png" alt="中国政府网"></div>
<ul class="nav_list"><li><a href="/">首页</a></li><li><a href="/a">总理</a></li>
<li><a href="/b">新闻</a></li><li><a href="/c">政策</a></li><li><a href="/d">互动</a></li>
<li><a href="/e">服务</a></li><li><a href="/f">数据</a></li></ul></div>
<div class="BreadcrumbNav">当前位置：<a href="/">首页</a> &gt; <a href="/z">政策</a> &gt; 正文</div>
<table width="100%" class="main"><tr><td class="article_td">
<div class="article oneColumn pub_border">
<h1>{escape(title)}</h1>
<div class="pages-date">{date} &nbsp; 来源： {source}</div>
<div class="pages_print"><span class="font">【字体：<a>大</a> <a>中</a> <a>小</a>】</span>
<a class="print" href="javascript:window.print()">打印</a></div>
<div class="share-bar"><span>分享到</span><a>微信</a><a>微博</a><a>QQ空间</a></div>
<div id="UCAP-CONTENT" class="pages_content">
{body}
</div>
<div class="editor">【我要纠错】 责任编辑：王某某</div>
</div></td></tr></table>
<div class="related"><h3>相关稿件</h3><ul>
<li><a href="/1">国务院常务会议部署推进重点工作确保全年目标任务圆满完成</a><span>2017-03-10</span></li>
<li><a href="/2">权威发布丨关于进一步做好稳就业工作的意见全文发布</a><span>2017-03-09</span></li>
</ul></div>
<div class="footer"><p>版权所有：中国政府网 | 中文域名：中国政府网.政务</p>
<p>网站标识码bm01000001 京ICP备05070218号 京公网安备11010202000001号</p></div>
</body></html>
"""


def portal_page(text: str, title: str, charset: str = "gb2312") -> str:
    """A news portal's page: ``<br>``-separated paragraphs in one ``<div>``, comments and
    a recommendation column beside it, an ``<h2>`` title and ``<meta name=author>``."""
    paragraphs = [escape(line.strip()) for line in text.splitlines() if line.strip()]
    body = "<br>\n&nbsp;&nbsp;&nbsp;&nbsp;".join(paragraphs)
    return f"""<html>
<head><meta charset="{charset}"><title>{escape(title)}--时政--人民网</title>
<meta name="author" content="人民网">
<meta name="publishdate" content="2017-03-17">
<meta name="source" content="来源：人民网－人民日报">
</head>
<body>
<div id="top_nav"><a>人民网首页</a> | <a>频道</a> | <a>登录</a> | <a>注册</a></div>
<div class="path"><a>人民网</a>&gt;&gt;<a>时政</a></div>
<div class="clearfix w1000_320 text_title">
<h2>{escape(title)}</h2>
<div class="box01"><div class="fl">2017年03月17日05:03 &nbsp;来源：<a>人民网－人民日报</a></div>
<div class="fr"><div class="fenxiang_box">分享到：<a>微信</a><a>微博</a></div></div></div>
</div>
<div class="clearfix w1000_320 text_con">
<div class="fl text_con_left">
<div class="box_con" id="rwb_zw">
<div>&nbsp;&nbsp;&nbsp;&nbsp;{body}</div>
<div class="edit clearfix">(责编：张三、李四)</div>
</div>
<div class="box_comment"><h3>网友评论</h3><ul><li>网友甲：说得好，真是太好了，我们大家都很满意这个报告！</li>
<li>网友乙：期待新的一年经济社会发展取得更大的成绩，加油！</li></ul></div>
</div>
<div class="fr text_con_right"><div class="ph_list"><h3>24小时排行</h3><ol>
<li><a>全国人大代表热议政府工作报告 聚焦民生关切</a></li>
<li><a>两会时间：代表委员建言献策推动高质量发展</a></li></ol></div></div>
</div>
<div id="copyright">人民日报社概况 | 关于人民网 | 人民网版权所有，未经书面授权禁止使用 Copyright &copy; 1997-2017 by www.people.com.cn. all rights reserved</div>
</body></html>
"""
